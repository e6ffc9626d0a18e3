"""Every audited report kept in one SQLite file, across runs and years.

`store` opens, checks and migrates the database and reads and writes it; `views` turns
it into the tables `xxgk-lint history` prints and exports. The audit writes through
`Store.save` and reads other years of the same organs through `Store.references`
(X101 carry-over and X102 similarity against reports that are no longer in the folder).
"""

// The clerk's page: drag-and-drop onto the upload form, and on the result page the links
// between a finding and the table cells it concerns (both ways). No inline script: the
// Content-Security-Policy allows only this file.
"use strict";

function setupUpload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const drop = document.getElementById("drop");
  const input = document.getElementById("file");
  const chosen = document.getElementById("chosen");
  const show = () => {
    chosen.textContent = Array.from(input.files).map((f) => f.name).join("、");
  };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
  // Back from the result page: the form is usable again (the browser may restore it as left).
  window.addEventListener("pageshow", () => {
    document.getElementById("submit").disabled = false;
    document.getElementById("busy").hidden = true;
  });
  form.addEventListener("submit", () => {
    document.getElementById("submit").disabled = true;
    document.getElementById("busy").hidden = false;
  });
}

function clearFocus() {
  document.querySelectorAll(".focus").forEach((el) => el.classList.remove("focus", "focus-main"));
}

function focusFinding(finding, scroll) {
  clearFocus();
  finding.classList.add("focus");
  const cells = (finding.dataset.cells || "").split(" ").filter(Boolean)
    .map((id) => document.getElementById(id)).filter(Boolean);
  cells.forEach((cell) => cell.classList.add("focus"));
  if (cells.length) cells[0].classList.add("focus-main");     // the finding's own cell
  if (scroll && cells.length) cells[0].scrollIntoView({block: "center"});
}

function setupResults() {
  document.querySelectorAll(".finding").forEach((finding) => {
    const link = finding.querySelector(".to-cell");
    if (!link) return;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusFinding(finding, true);
      history.replaceState(null, "", link.getAttribute("href"));
    });
  });
  document.querySelectorAll("td[data-findings]").forEach((cell) => {
    const back = () => {
      const finding = document.getElementById(cell.dataset.findings.split(" ")[0]);
      if (!finding) return;
      focusFinding(finding, false);
      finding.scrollIntoView({block: "center"});
    };
    cell.addEventListener("click", back);
    cell.addEventListener("keydown", (event) => {      // marked cells are reachable with Tab
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        back();
      }
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload();
  setupResults();
});

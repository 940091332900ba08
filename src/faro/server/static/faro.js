// faro web UI: the one script. It polls a background analysis and updates its progress bar,
// then reloads the page when the analysis ends: the server answers with the finished job, or
// sends a lone pasted document's reader on to it. Without the script the page refreshes itself
// (a <noscript> refresh) and works the same.
"use strict";
(function () {
  const box = document.querySelector("[data-job-status]");
  if (!box) { return; }
  const url = box.getAttribute("data-job-status");
  const bar = box.querySelector("progress");
  const done = box.querySelector(".job-done");
  const state = box.querySelector(".job-state");
  async function poll() {
    let job;
    try {
      const answer = await fetch(url, { headers: { "Accept": "application/json" },
                                        credentials: "same-origin" });
      if (!answer.ok) { return; }
      job = await answer.json();
    } catch (_) {
      setTimeout(poll, 2000);
      return;
    }
    bar.max = Math.max(1, job.total);
    bar.value = job.total ? job.done : 1;
    bar.textContent = job.done + " of " + job.total;
    done.textContent = String(job.done);
    if (job.finished) {
      state.textContent = " — finished";
      // "true" is kept for a page that shows the finished job as the server drew it (errors,
      // notes, links): the reload below brings one; until then the page is only on its way
      box.setAttribute("data-finished", "reloading");
      window.location.reload();
      return;
    }
    setTimeout(poll, 700);
  }
  if (!box.closest("body").querySelector(".job-state").textContent.includes("finished")) {
    poll();
  } else {
    box.setAttribute("data-finished", "true");
  }
})();

// The DISARM technique picker of a review form: Enter (or picking from the list) adds the
// technique typed to the form's list of ids, so several are tagged from the keyboard; Enter on
// an empty picker submits the form. Without this script the picker is a plain field the server
// adds to the list. An unknown id is said at once here, and refused by the server anyway.
(function () {
  const list = document.getElementById("disarm-techniques");
  if (!list) { return; }
  const names = new Map();
  for (const option of list.options) { names.set(option.value, option.textContent); }

  function add(picker) {
    const wanted = picker.value.trim().split(/\s+/)[0].toUpperCase();
    const target = document.getElementById(picker.getAttribute("data-technique-picker"));
    const status = picker.parentElement.querySelector(".picker-status");
    if (!wanted || !target) { return false; }
    if (!names.has(wanted)) {
      picker.setCustomValidity("No DISARM technique " + wanted + ": ids look like T0002 or T0014.001");
      picker.reportValidity();
      return true;
    }
    picker.setCustomValidity("");
    const ids = target.value.split(/[\s,]+/).filter(Boolean).map((t) => t.toUpperCase());
    if (!ids.includes(wanted)) { ids.push(wanted); }
    target.value = ids.join(", ");
    picker.value = "";
    if (status) { status.textContent = "Added " + wanted + " " + names.get(wanted); }
    return true;
  }

  for (const picker of document.querySelectorAll("[data-technique-picker]")) {
    picker.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && picker.value.trim()) {
        event.preventDefault();
        add(picker);
      }
    });
    picker.addEventListener("input", () => { picker.setCustomValidity(""); });
    picker.addEventListener("change", () => {
      if (names.has(picker.value.trim().toUpperCase())) { add(picker); }
    });
  }
})();

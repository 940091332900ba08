// faro web UI: the one script. It polls a background analysis and updates its progress bar;
// without it the page refreshes itself (a <noscript> refresh) and works the same.
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
      box.setAttribute("data-finished", "true");
      if (job.total === 1 && job.failed === 0) {
        window.location.assign("/documents/" + encodeURIComponent(job.document_ids[0]));
      } else {
        window.location.reload();
      }
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

// Progressive enhancement: a self-assessment row saves itself when a value changes (the form still
// works without JavaScript through its Save button). The server answers JSON for these requests.
(function () {
    "use strict";
    function setProgress(progress) {
        if (!progress) return;
        for (const key of ["done", "total", "points", "maximum", "index"]) {
            const el = document.querySelector('[data-progress="' + key + '"]');
            if (el) el.textContent = progress[key];
        }
        const bar = document.querySelector("#progress progress");
        if (bar) { bar.max = progress.total; bar.value = progress.done; }
    }
    async function save(form) {
        const state = form.querySelector(".save-state");
        state.textContent = "…";
        state.className = "save-state";
        const response = await fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            headers: { "X-ParIndex-Autosave": "1" },
            credentials: "same-origin",
        });
        let body = null;
        try { body = await response.json(); } catch { body = null; }
        if (response.ok && body && body.ok) {
            form.querySelector('input[name="version"]').value = body.version;
            form.querySelector("[data-points]").textContent = body.points;
            setProgress(body.progress);
            state.textContent = document.documentElement.lang === "vi" ? "Đã lưu" : "Saved";
            state.classList.add("ok");
        } else {
            state.textContent = body && body.message ? body.message : (response.status + "");
            state.classList.add("bad");
        }
    }
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
        form.addEventListener("change", function (e) {
            if (e.target.name === "evidenceId") return; // linking a document is saved with the button
            save(form);
        });
    });
})();

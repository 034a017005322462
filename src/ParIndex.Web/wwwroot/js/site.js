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

// Sortable tables: a click on a column heading sorts the rows by that column (numbers by their
// data-v value, text in Vietnamese order); again reverses. Without JavaScript the table keeps its rank order.
(function () {
    "use strict";
    const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
        const heads = Array.from(table.tHead.rows[0].cells);
        heads.forEach(function (th, column) {
            const kind = th.dataset.sort;
            if (!kind) return;
            const button = document.createElement("button");
            button.type = "button";
            button.className = "sort";
            while (th.firstChild) button.appendChild(th.firstChild);
            th.appendChild(button);
            button.addEventListener("click", function () {
                const ascending = th.getAttribute("aria-sort") !== "ascending";
                heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                const body = table.tBodies[0];
                const rows = Array.from(body.rows);
                const value = function (row) {
                    const cell = row.cells[column];
                    if (kind === "num") {
                        const v = cell.dataset.v;
                        return v === undefined || v === "" ? null : parseFloat(v);
                    }
                    return cell.textContent.trim();
                };
                rows.sort(function (a, b) {
                    const x = value(a), y = value(b);
                    if (x === null && y === null) return 0;
                    if (x === null) return 1; // empty cells last either way
                    if (y === null) return -1;
                    const c = kind === "num" ? x - y : collator.compare(x, y);
                    return ascending ? c : -c;
                });
                rows.forEach(function (row) { body.appendChild(row); });
            });
        });
    });
})();

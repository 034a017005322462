// With JavaScript some controls step aside (a row that saves itself needs no Save button): CSS keys on html.js.
document.documentElement.classList.add("js");

// Checks in the browser speak the page's language (not the browser's "Please fill out this field"):
// a field may name its own message in data-required / data-pattern; otherwise a plain one is used.
(function () {
    "use strict";
    const vi = document.documentElement.lang === "vi";
    const text = vi
        ? { required: "Vui lòng điền ô này.", select: "Vui lòng chọn một mục trong danh sách.", check: "Vui lòng đánh dấu ô này để tiếp tục.",
            file: "Vui lòng chọn một tệp.", pattern: "Giá trị chưa đúng định dạng.", like: "Nhập theo mẫu: ", number: "Vui lòng nhập một số.",
            low: "Giá trị nhỏ nhất là ", high: "Giá trị lớn nhất là ", long: "Nội dung quá dài.", short: "Nội dung quá ngắn: cần ít nhất " , chars: " ký tự." }
        : { required: "Please fill in this field.", select: "Please choose an item in the list.", check: "Please tick this box to go on.",
            file: "Please choose a file.", pattern: "The value is not in the expected form.", like: "Write it as: ", number: "Please enter a number.",
            low: "The smallest value is ", high: "The largest value is ", long: "The text is too long.", short: "The text is too short: at least ", chars: " characters." };
    function message(el) {
        const v = el.validity;
        if (v.valueMissing) {
            if (el.dataset.required) return el.dataset.required;
            if (el.type === "checkbox" || el.type === "radio") return text.check;
            if (el.type === "file") return text.file;
            return el.tagName === "SELECT" ? text.select : text.required;
        }
        if (v.patternMismatch || v.typeMismatch) {
            if (el.dataset.pattern) return el.dataset.pattern;
            return el.placeholder ? text.like + el.placeholder : text.pattern;
        }
        if (v.badInput) return text.number;
        if (v.rangeUnderflow) return text.low + el.min;
        if (v.rangeOverflow) return text.high + el.max;
        if (v.tooLong) return text.long;
        if (v.tooShort) return text.short + el.minLength + text.chars;
        return "";
    }
    document.addEventListener("invalid", function (e) {
        const el = e.target;
        if (!el.setCustomValidity) return;
        el.setCustomValidity("");
        if (!el.validity.valid) el.setCustomValidity(message(el));
    }, true);
    function reset(e) { if (e.target.setCustomValidity) e.target.setCustomValidity(""); }
    document.addEventListener("input", reset, true);
    document.addEventListener("change", reset, true);
})();

// Confirmation before an action with consequences: a form with data-confirm="what will happen" asks in
// a dialog first; its hidden "confirmed" field tells the server it was confirmed. Without JavaScript the
// server asks on the page instead (the same text), so nothing happens unconfirmed either way.
(function () {
    "use strict";
    const dialog = document.getElementById("confirm-dialog");
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (e) {
            const confirmed = form.querySelector('input[name="confirmed"]');
            if (!confirmed || confirmed.value === "true") return;
            e.preventDefault();
            const submitter = e.submitter;
            if (!dialog || typeof dialog.showModal !== "function") {
                if (window.confirm(form.dataset.confirm)) { confirmed.value = "true"; form.requestSubmit(submitter); }
                return;
            }
            dialog.querySelector("#confirm-dialog-text").textContent = form.dataset.confirm;
            dialog.returnValue = "";
            dialog.onclose = function () {
                if (dialog.returnValue === "ok") {
                    confirmed.value = "true";
                    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
                }
            };
            dialog.showModal();
            dialog.querySelector("#confirm-dialog-ok").focus();
        });
    });
})();

// After a refused post the row in error is brought into view (the summary at the top links to each);
// a confirmation the page asks for (without JavaScript's dialog) is brought into view likewise.
(function () {
    "use strict";
    const target = document.querySelector("tr.failed, .field-error") || document.getElementById("confirm-box") || document.getElementById("error-summary");
    if (!target) return;
    window.addEventListener("load", function () {
        target.scrollIntoView({ block: target.matches("tr") ? "center" : "start" });
        if (target.id) target.focus({ preventScroll: true });
    });
})();

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
            setTodo(body.todo, body.remaining);
            state.textContent = document.documentElement.lang === "vi" ? "Đã lưu" : "Saved";
            state.classList.add("ok");
        } else {
            state.textContent = body && body.message ? body.message : (response.status + "");
            state.classList.add("bad");
        }
    }
    // What is left before submitting follows each save, without a reload.
    function setTodo(todo, remaining) {
        const left = document.querySelector('[data-progress="remaining"]');
        if (left && typeof remaining === "number") left.textContent = remaining;
        const details = document.getElementById("todo");
        if (!details || !Array.isArray(todo)) return;
        if (todo.length === 0) { details.hidden = true; return; }
        details.hidden = false;
        const summary = details.querySelector("summary");
        summary.textContent = summary.dataset.template.replace("{0}", todo.length);
        const list = document.getElementById("todo-list");
        list.replaceChildren(...todo.slice(0, 50).map(function (p) {
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = "#leaf-" + p.field;
            a.textContent = p.message;
            li.appendChild(a);
            return li;
        }));
    }
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
        form.addEventListener("change", function (e) {
            // Linking a document changes the row's list of files: that one posts the form (the page comes back at the row).
            if (e.target.name === "evidenceId") { if (e.target.value) form.requestSubmit(); return; }
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

// A job made in the background (a bloc's score cards): its progress is asked for every second and a
// half; once it has ended the page is loaded again to show the download (or the reason it stopped).
(function () {
    "use strict";
    const box = document.getElementById("card-job");
    const url = box && box.dataset.statusUrl;
    if (!url) return;
    const progress = document.getElementById("card-progress");
    const status = document.getElementById("card-status");
    function poll() {
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (job) {
                if (!job || (job.state !== "queued" && job.state !== "running")) { window.location.reload(); return; }
                if (progress) { progress.max = job.total; progress.value = job.printed; }
                if (status) status.textContent = job.status;
                box.dataset.state = job.state;
                window.setTimeout(poll, 1500);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
})();

// No inline handlers (the Content-Security-Policy allows scripts from this file only): a select that
// submits its form when changed, a button that prints the page.
(function () {
    "use strict";
    document.addEventListener("change", function (e) {
        if (e.target.matches && e.target.matches("select[data-autosubmit]") && e.target.form) e.target.form.submit();
    });
    document.addEventListener("click", function (e) {
        const button = e.target.closest && e.target.closest("[data-print]");
        if (button) window.print();
    });
})();

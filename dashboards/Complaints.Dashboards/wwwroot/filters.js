// Leave empty filters out of the URL, so a shared address says only what was chosen.
document.addEventListener("submit", event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("filter-bar")) return;
    for (const field of form.querySelectorAll("input, select")) {
        if (field.name && field.value === "") field.disabled = true;
    }
});
// Coming back with the browser's Back button shows the form as it was, with nothing disabled.
window.addEventListener("pageshow", () => {
    for (const field of document.querySelectorAll(".filter-bar [disabled]")) field.disabled = false;
});

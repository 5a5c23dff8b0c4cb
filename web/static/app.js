// Served from /static so the strict CSP (script-src 'self') holds: no inline script anywhere.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches && box.matches("input.select-all")) {
    box.closest("form").querySelectorAll('input[name="ids"]').forEach((b) => { b.checked = box.checked; });
  }
});

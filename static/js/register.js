// On a narrow screen the register's filters fold away, so that the list comes first; filters in use stay open.
// Without this script the panel stays open, as on a wide screen.
for (const panel of document.querySelectorAll("details[data-fold-when-narrow]")) {
  if (window.matchMedia("(max-width: 40rem)").matches && !panel.hasAttribute("data-in-use")) {
    panel.open = false;
  }
}

// The bulk actions' "choose every row of this page": it chooses or clears them all, and follows when rows are
// chosen one by one.
for (const field of document.querySelectorAll("[data-choose-all]")) {
  const all = field.querySelector("input");
  const rows = [...field.closest("form").querySelectorAll('input[name="bulk-commitments"]')];
  field.hidden = rows.length === 0;
  all.addEventListener("change", () => {
    for (const row of rows) row.checked = all.checked;
  });
  for (const row of rows) {
    row.addEventListener("change", () => {
      all.checked = rows.every((box) => box.checked);
    });
  }
}

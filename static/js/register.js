// On a narrow screen the register's filters fold away, so that the list comes first; filters in use stay open.
// Without this script the panel stays open, as on a wide screen.
for (const panel of document.querySelectorAll("details[data-fold-when-narrow]")) {
  if (window.matchMedia("(max-width: 40rem)").matches && !panel.hasAttribute("data-in-use")) {
    panel.open = false;
  }
}

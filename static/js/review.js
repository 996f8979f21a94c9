// The review form shows only what the chosen decision asks: the verdict, the place in the Jaarbericht (and the
// expected date for "Vertraagd", the kind of drop for "Vervallen") when approving; for "Terugsturen" only the
// reason. Hidden fields are not cleared: the server ignores them for a send-back, and checks every decision itself.
// Without this script every field shows.
const form = document.querySelector("form [name=decision]")?.form;
if (form) {
  const chosen = (name) => form.querySelector(`[name=${name}]:checked`)?.value ?? form.elements[name]?.value ?? "";
  const show = () => {
    const decision = chosen("decision");
    const verdict = chosen("verdict");
    for (const part of form.querySelectorAll("[data-decision]")) part.hidden = part.dataset.decision !== decision;
    for (const part of form.querySelectorAll("[data-verdict]")) part.hidden = part.dataset.verdict !== verdict;
  };
  form.addEventListener("change", show);
  show();
}

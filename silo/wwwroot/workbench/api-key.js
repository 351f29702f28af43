// The researcher's key for this browser tab: kept in sessionStorage only and sent as the bearer header.
// Shared by the workbench pages (cohorts and benchmarking) so that a key given on one is used by the other.

export const KEY = "linkage.workbench.apiKey";

/** Wires #key-form, #api-key, #forget-key and #key-status. */
export function setUpKey() {
  const input = document.querySelector("#api-key");
  const status = document.querySelector("#key-status");
  const show = () => {
    status.textContent = sessionStorage.getItem(KEY)
      ? "A key is set for this tab (kept in this browser tab only, sent as the bearer header)."
      : "No key yet: enter a researcher key. It is kept in this browser tab only.";
  };
  document.querySelector("#key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.trim()) sessionStorage.setItem(KEY, input.value.trim());
    input.value = "";
    show();
  });
  document.querySelector("#forget-key").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    show();
    input.focus();
  });
  show();
}

/** The key set for this tab, or null. */
export const apiKey = () => sessionStorage.getItem(KEY);

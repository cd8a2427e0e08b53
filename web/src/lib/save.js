// Hands a blob to the browser as a file download named {@code name}: a PDF fetched with the
// bearer token, or a CSV built in the page.
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by then; the URL is freed later, not at once, for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

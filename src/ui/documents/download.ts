/* Hands a generated file to the browser's download; the object URL is released right after. */
export const downloadBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

/** A file name that every operating system accepts: letters, digits, dash, dot. */
export const safeFileName = (base: string, extension: string): string =>
  `${base.replace(/[^\p{L}\p{N}.-]+/gu, "-").replace(/^-+|-+$/g, "") || "panelis"}.${extension}`;

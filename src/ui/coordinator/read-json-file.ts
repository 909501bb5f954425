/** The JSON in a picked file; null when it is not JSON (the caller says so in words). */
export const readJsonFile = async (file: File): Promise<unknown> => {
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    return null;
  }
};

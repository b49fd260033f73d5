export class PdfDownloadError extends Error {}

/** Fetches `/prescriptions/<id>.pdf` with the bearer token and saves it as a file. */
export function downloadPrescriptionPdf(accessToken: () => Promise<string | undefined>, id: string): Promise<void> {
  return downloadPdf(
    accessToken,
    `/prescriptions/${encodeURIComponent(id)}.pdf`,
    `prescription-${id}.pdf`,
    'prescription',
  );
}

/** Fetches a PDF the API serves at `path` with the bearer token and saves it as `fileName`. */
export function downloadPdf(
  accessToken: () => Promise<string | undefined>,
  path: string,
  fileName: string,
  what: string,
): Promise<void> {
  return downloadFile(accessToken, path, fileName, what, 'PDF');
}

/** Fetches a file the API serves at `path` with the bearer token and saves it as `fileName`. */
export async function downloadFile(
  accessToken: () => Promise<string | undefined>,
  path: string,
  fileName: string,
  what: string,
  kind: string,
): Promise<void> {
  const token = await accessToken();
  if (!token) {
    throw new PdfDownloadError('Your session has ended. Please sign in again.');
  }
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    throw new PdfDownloadError('We could not reach the clinic’s server. Check your connection and try again.');
  }
  if (!response.ok) {
    throw new PdfDownloadError(
      response.status === 404
        ? `This ${what} could not be found.`
        : `The ${kind} could not be downloaded. Please try again.`,
    );
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

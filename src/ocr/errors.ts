/** A PDF the OCR stage cannot read, with the rule a message records. Kept apart from pdf.ts so that
 * checking for it does not load pdfjs. */
export class PdfError extends Error {
  constructor(
    readonly ruleId: 'pdf-encrypted' | 'pdf-corrupt' | 'pdf-no-pages',
    message: string,
  ) {
    super(message);
  }
}

/** An input the OCR stage refuses, with the rule a message records. Kept apart from pdf.ts so that
 * checking for it does not load pdfjs. */
export class OcrInputError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
  }
}

/** A PDF the OCR stage cannot read. */
export class PdfError extends OcrInputError {
  constructor(ruleId: 'pdf-encrypted' | 'pdf-corrupt' | 'pdf-no-pages', message: string) {
    super(ruleId, message);
  }
}

/** An image refused before decoding (too many pixels, or a layout that cannot be read within the budget). */
export class ImageError extends OcrInputError {
  constructor(ruleId: 'image-too-large' | 'image-unsupported', message: string) {
    super(ruleId, message);
  }
}

/** A supertest parser that keeps a response's body as bytes (for file downloads: workbooks, PDFs). */
export const binaryBody = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (e: null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

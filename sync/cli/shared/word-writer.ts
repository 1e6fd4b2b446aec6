/** The Word writer, loaded only by the commands that write a .docx: the docx package is large, and every other command starts faster without it. */
export const wordWriter = (): Promise<typeof import('../../word/official-docx')> => import('../../word/official-docx');

/**
 * A document that cannot be read is refused with a located, Chinese error: what is wrong,
 * where (file, line or page), and what the user can do. The CLI prints it and exits 2.
 */
export interface ErrorPlace {
  file?: string;
  line?: number;
  page?: number;
  table?: string;
  /** XLSX: the worksheet and the cell address ("C12"). */
  sheet?: string;
  cell?: string;
}

export class ImportError extends Error {
  readonly place: ErrorPlace;
  readonly hint: string;
  readonly code: string;

  constructor(code: string, message: string, place: ErrorPlace = {}, hint = '') {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    this.place = place;
    this.hint = hint;
  }

  /** "文件 a.txt 第 12 行：……", "文件 b.xlsx 工作表“收入预算总表” C12：……" */
  describe(): string {
    const where = [
      this.place.file ? `文件 ${this.place.file}` : '',
      this.place.page ? `第 ${this.place.page} 页` : '',
      this.place.line && !this.place.page && !this.place.sheet ? `第 ${this.place.line} 行` : '',
      this.place.sheet ? `工作表“${this.place.sheet}”${this.place.cell ? ` ${this.place.cell}` : ''}` : '',
      this.place.table ? `（${this.place.table}）` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const head = where ? `${where}：${this.message}` : this.message;
    return this.hint ? `${head}\n处理建议：${this.hint}` : head;
  }

  withFile(file: string): ImportError {
    if (this.place.file) return this;
    return new ImportError(this.code, this.message, { ...this.place, file }, this.hint);
  }
}

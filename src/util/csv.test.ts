import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads plain lines, then a quoted field over two lines, in one file', () => {
    const text = '\ufeffcode,name\r\n201,一般公共服务支出\n\n202,外交支出\r203,"国防\n支出, 含""引号"""\n204,x"y\n';
    expect(parseCsv(text)).toEqual([
      ['code', 'name'],
      ['201', '一般公共服务支出'],
      ['202', '外交支出'],
      ['203', '国防\n支出, 含"引号"'],
      ['204', 'x"y'],
    ]);
  });

  it('keeps empty fields and a last line without a newline; takes a leading quote mark off', () => {
    expect(parseCsv(',\na,,b\n\'=1+1,\'-5')).toEqual([
      ['', ''],
      ['a', '', 'b'],
      ['=1+1', "'-5"],
    ]);
  });

  it('reads a file that begins with a quoted field, and one with \\r\\n before it', () => {
    expect(parseCsv('"a,b",c\r\n"d"\r\n')).toEqual([['a,b', 'c'], ['d']]);
    expect(parseCsv('x\r\n"y\r\nz"\r\n')).toEqual([['x'], ['y\r\nz']]);
  });
});

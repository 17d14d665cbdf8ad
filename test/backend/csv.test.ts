import assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../backend/quotes/csv.js';

describe('backend/quotes CSV cells', () => {
  it('quotes cells with commas, quotes or line breaks, doubling inner quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('Roux, Julie'), '"Roux, Julie"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(2000), '2000');
  });

  it('prefixes cells that a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+33 1 23', '-2', '@SUM(A1)', '\tx']) assert.equal(csvCell(cell).replace(/^"/, '')[0], "'");
    assert.equal(csvCell('=A1,B1'), `"'=A1,B1"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });

  it('writes a BOM, a header row and CRLF line ends', () => {
    assert.equal(toCsv(['a', 'b'], [['1', '2, 3']]), '\uFEFFa,b\r\n1,"2, 3"\r\n');
  });
});

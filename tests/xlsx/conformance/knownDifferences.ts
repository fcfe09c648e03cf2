/**
 * Where the importer's reading of a corpus workbook differs from the reference reading (openpyxl
 * 3.0.9, which is not ground truth), and why Excel reads the file as we do. The conformance test
 * requires the differing cells of each file to be exactly the listed ones: a new difference fails,
 * and so does a listed one that went away (the list stays true).
 */

const OPENPYXL_NO_STRICT = 'Strict OOXML (purl.oclc.org namespaces): openpyxl 3.0.9 reads no sheet of it; Excel opens it and shows these cells.';
const OPENPYXL_HIDDEN_UNDER_MERGE = 'values stored in cells covered by a merged range: openpyxl drops them; Excel keeps them in the file (they show again when the range is unmerged), so the reader keeps them (a merged cell still reads as its master through SheetView).';
const OPENPYXL_X000D = 'openpyxl leaves `_xHHHH_` escapes undecoded; Excel decodes `_x000D_` to a carriage return (the ST_Xstring escapes of ECMA-376 Part 1).';
const ERROR_TEXT = 't="str" cells whose cached formula text looks like an error code: openpyxl turns any such text into an error value; the file says it is a text result, and the reader keeps it as text.';

export interface KnownDifference {
  file: string;
  /** Excel's behaviour that makes our reading right. */
  reason: string;
  /** The differing cells (A1, any sheet), or 'all' when the reference has no sheets at all. */
  cells: string[] | 'all';
}

const cells = (list: string): string[] => list.split(' ');

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  ...[
    'ExcelDataReader_ExcelDataReader__CollapsedHide.xlsx',
    'ExcelDataReader_ExcelDataReader__Test255x10.xlsx',
    'ExcelDataReader_ExcelDataReader__TestOpen.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_Encoding_Formula_Date_1520.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_Issue_11773_Exponential.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_Issue_4031_NullColumn.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_Issue_NoStyles_NoRAttribute.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_git_issue_250_richtext.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_git_issue_532.xlsx',
    'ExcelDataReader_ExcelDataReader__Test_git_issue_53_Cached_Formula_String_Type.xlsx',
    'apache_poi__sample.strict.xlsx',
    'openspout_openspout__sheet_with_strict_ooxml.xlsx',
    'roo-rb_roo__strict.xlsx',
  ].map((file) => ({ file, reason: OPENPYXL_NO_STRICT, cells: 'all' as const })),
  { file: 'PHPOffice_PhpSpreadsheet__HiddenMergeCellsTest.xlsx', reason: OPENPYXL_HIDDEN_UNDER_MERGE, cells: cells('B2 C2') },
  { file: 'PHPOffice_PhpSpreadsheet__issue.3654.xlsx', reason: OPENPYXL_HIDDEN_UNDER_MERGE, cells: cells('H1') },
  {
    file: 'PHPOffice_PhpSpreadsheet__issue.3654.xlsx',
    reason: 'built-in number format 58 is a date in the East Asian locales Excel uses for these files (zh-CN: m"月"d"日"); openpyxl knows only the en-US built-ins and reads a number.',
    cells: cells('J4 J5 J6 J7 J8 J9 J10 J11 J12'),
  },
  { file: 'PHPOffice_PhpSpreadsheet__ConditionalFormattingConditions.xlsx', reason: ERROR_TEXT, cells: cells('A9 B10') },
  { file: 'PHPOffice_PhpSpreadsheet__Translations.xlsx', reason: ERROR_TEXT, cells: cells('A8 A9 A10 A11 A12 A13 A14') },
  {
    file: 'SheetJS_test_files__LONumbers-2010.xlsx',
    reason: "SheetJS's number-format test: codes such as D, YY, H, HHMM, [HH] are dates, times and durations to Excel (it shows 1 under D as day 1); openpyxl's date test misses upper-case and single-letter codes and reads numbers.",
    cells: cells(
      'B10 B14 B22 C11 C12 C13 C18 C19 C23 C3 C35 C37 C38 C4 C5 C6 C7 C8 C9 D10 D14 D22 E11 E12 E13 E18 E19 E23 E3 E35 E37 E38 E4 E5 E6 E7 E8 E9 F10 F14 F22 G11 G12 G13 G18 G19 G23 G3 G35 G37 G38 G4 G5 G6 G7 G8 G9 H10 H14 H22 I11 I12 I13 I18 I19 I23 I3 I35 I37 I38 I4 I5 I6 I7 I8 I9 J10 J14 J22',
    ),
  },
  {
    file: 'SheetJS_test_files__LONumbers.xlsx',
    reason: "SheetJS's number-format test: codes such as D, YY, H, HHMM, [HH] are dates, times and durations to Excel (it shows 1 under D as day 1); openpyxl's date test misses upper-case and single-letter codes and reads numbers.",
    cells: cells(
      'B10 B14 B15 B16 B17 B22 B24 B25 C11 C12 C13 C15 C16 C17 C18 C19 C23 C24 C25 C3 C35 C37 C4 C5 C6 C7 C8 C9 D10 D14 D15 D16 D17 D22 D24 D25 E11 E12 E13 E15 E16 E17 E18 E19 E23 E24 E25 E3 E35 E37 E4 E5 E6 E7 E8 E9 F10 F14 F15 F16 F17 F22 F24 F25 G11 G12 G13 G15 G16 G17 G18 G19 G23 G24 G25 G3 G35 G37 G4 G5 G6 G7 G8 G9 H10 H14 H15 H16 H17 H22 H24 H25 I11 I12 I13 I15 I16 I17 I18 I19 I23 I24 I25 I3 I35 I37 I4 I5 I6 I7 I8 I9 J10 J14 J15 J16 J17 J22 J24 J25',
    ),
  },
  {
    file: 'apache_poi__bug60858.xlsx',
    reason: 'serial -1 under a date format: Excel (1900 date system) has no date before 1900-01-01 and shows ####; openpyxl invents 1899-12-29. The reader keeps it as an invalid date, reported per cell.',
    cells: cells('N2'),
  },
  {
    file: 'dimastbk_python-calamine__issue139.xlsx',
    reason: 'serial 2994626 under a date format is after 9999-12-31: Excel shows ####; the reader keeps it as an invalid date (reported per cell) where openpyxl gives #VALUE!.',
    cells: cells('A2'),
  },
  {
    file: 'exceljs_exceljs__test-issue-877.xlsx',
    reason: "an empty cell with a hyperlink: openpyxl writes the link's target into the cell's value; Excel shows the cell empty.",
    cells: cells('A1'),
  },
  {
    file: 'jmcnamara_XlsxWriter__date_1904_02.xlsx',
    reason: 'serial 0 in the 1904 date system under a date format is 1904-01-01 to Excel; openpyxl reads every serial below 1 as a time of day.',
    cells: cells('A1'),
  },
  {
    file: 'jmcnamara_rust_xlsxwriter__shared_strings01.xlsx',
    reason: `${OPENPYXL_X000D} The same holds for the other control characters written as _x0000_ … _x001F_.`,
    cells: cells('A1 A2 A3 A4 A5 A6 A7 A8 A9 A12 A13 A14 A15 A16 A17 A18 A19 A20 A21 A22 A23 A24 A25 A26 A27 A28 A29 A30 A31 A32'),
  },
  {
    file: 'jmcnamara_rust_xlsxwriter__shared_strings02.xlsx',
    reason: '`_x005F_x005F_` is an escaped underscore followed by the text `x005F_`: Excel shows `_x005F_`; openpyxl collapses it to `_`.',
    cells: cells('A8'),
  },
  { file: 'roo-rb_roo__x000D.xlsx', reason: OPENPYXL_X000D, cells: cells('H2 I2 J2') },
  { file: 'tafia_calamine__has_x000D_.xlsx', reason: OPENPYXL_X000D, cells: cells('A1') },
  { file: 'tafia_calamine__has_x000D_inline.xlsx', reason: OPENPYXL_X000D, cells: cells('A1') },
];

/**
 * Top-level files the importer refuses with a classified error although another reader opens them,
 * with the reason the refusal is Excel's behaviour.
 */
export const KNOWN_REFUSALS: Readonly<Record<string, { code: string; reason: string }>> = {
  'apache_poi__duplicate-filename.xlsx': {
    code: 'corrupt',
    reason: 'two zip entries with the same part name: a package may not hold two parts of one name (OPC, ECMA-376 Part 2) and POI refuses it too; which of the two a reader would take is arbitrary, so the importer refuses rather than guess which sheet the clerk meant.',
  },
};

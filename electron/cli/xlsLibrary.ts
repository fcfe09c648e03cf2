/**
 * The BIFF library that reads legacy .xls for the CLI (shared/xlsx/xls/xlsLibrary.ts), loaded only
 * when a .xls is opened.
 */
import type { LoadXlsLibrary } from '../../shared/xlsx/xls/xlsLibrary';

export const loadXlsLibrary: LoadXlsLibrary = () => import('@e965/xlsx');

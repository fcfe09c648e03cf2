/**
 * The BIFF library that reads legacy .xls in the xlsx worker (shared/xlsx/xls/xlsLibrary.ts): a
 * dynamic import, so it is a separate chunk fetched only when a .xls is opened.
 */
import type { LoadXlsLibrary } from '../../shared/xlsx/xls/xlsLibrary';

export const loadXlsLibrary: LoadXlsLibrary = () => import('@e965/xlsx');

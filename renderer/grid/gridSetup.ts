/**
 * AG Grid Community with only the modules the editor uses, and the theme (Theming API, no CSS
 * imports). Validation is registered in development builds only, where it reports misuse.
 */
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CustomEditorModule,
  EventApiModule,
  HighlightChangesModule,
  ModuleRegistry,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  TextEditorModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
  type Module,
} from 'ag-grid-community';

let registered = false;

export function registerGridModules(dev: boolean): void {
  if (registered) return;
  registered = true;
  const modules: Module[] = [
    ClientSideRowModelModule,
          CellStyleModule,
    RowStyleModule,
    TooltipModule,
    TextEditorModule,
    CustomEditorModule,
    HighlightChangesModule,
    RenderApiModule,
    RowApiModule,
    CellApiModule,
    ColumnApiModule,
    ScrollApiModule,
    EventApiModule,
  ];
  if (dev) modules.push(ValidationModule);
  ModuleRegistry.registerModules(modules);
}

export const FONT_STACK = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'SimSun', 'sans-serif'];

export const budgetTheme = themeQuartz.withParams({
  fontFamily: FONT_STACK,
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  rowHeight: 26,
  headerHeight: 28,
  spacing: 4,
  wrapperBorderRadius: 0,
  borderRadius: 0,
  columnBorder: true,
  headerColumnBorder: true,
  headerBackgroundColor: '#eef2f7',
  accentColor: '#1f6feb',
  rowHoverColor: 'transparent',
  oddRowBackgroundColor: '#ffffff',
  cellHorizontalPadding: 6,
});

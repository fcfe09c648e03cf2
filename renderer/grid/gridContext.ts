/** What the grid's callbacks (value getters, class rules, editors) read: the store and the selection. */
import type { EditorStore } from '../app/editorStore';
import type { GridController } from './gridController';

export interface GridContext {
  store: EditorStore;
  controller: GridController;
}

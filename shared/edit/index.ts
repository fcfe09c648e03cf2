/** Editing commands over the document (pure): each produces immer patches and their inverse; history replays them. */
export * from './edit';
export * from './history';
export * from './setCells';
export * from './structure';
export * from './texts';
export * from './replaceDocument';
export * from './newDocument';
export * from './printedTotals';

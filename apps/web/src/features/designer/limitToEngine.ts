// Hides from the palette, the context pad and the replace menu what the platform's engine cannot run
// (libs/engine README, compatibility table): pools, data objects and stores, complex gateways,
// transactions, ad-hoc subprocesses, compensation / conditional / cancel / multiple events, loops.
const UNSUPPORTED = [/participant/, /data-object/, /data-store/, /complex/, /transaction/, /ad-hoc/, /compensat/, /conditional/, /cancel/, /multiple/, /toggle-loop/, /lane/];

export const isUnsupportedEntry = (id: string): boolean => UNSUPPORTED.some((pattern) => pattern.test(id));

type Entries = Record<string, unknown>;
const filter = (entries: Entries): Entries => Object.fromEntries(Object.entries(entries).filter(([id]) => !isUnsupportedEntry(id)));

interface Registry {
  registerProvider(priority: number, provider: object): void;
}
interface PopupRegistry {
  registerProvider(id: string, priority: number, provider: object): void;
}

class LimitToEngine {
  static $inject = ['palette', 'contextPad', 'popupMenu'];

  constructor(palette: Registry, contextPad: Registry, popupMenu: PopupRegistry) {
    palette.registerProvider(100, { getPaletteEntries: () => filter });
    contextPad.registerProvider(100, { getContextPadEntries: () => filter });
    popupMenu.registerProvider('bpmn-replace', 100, { getPopupMenuEntries: () => filter, getPopupMenuHeaderEntries: () => filter });
  }
}

export const limitToEngineModule = { __init__: ['limitToEngine'], limitToEngine: ['type', LimitToEngine] };

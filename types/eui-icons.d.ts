/// <reference types="@elastic/eui" />
// EUI ships types only for its `src/` paths. The `es/` icon modules are imported directly so that
// icons can be pre-registered for server rendering (stack-notes: "Icons"); these declarations give
// them the types of their `src/` counterparts.

declare module '@elastic/eui/es/components/icon/icon' {
  export * from '@elastic/eui/src/components/icon/icon';
}

declare module '@elastic/eui/es/components/icon/assets/*' {
  import type { ComponentType, SVGProps } from 'react';

  /** Every generated EUI icon asset exports one SVG component named `icon`. */
  export const icon: ComponentType<SVGProps<SVGSVGElement> & { title?: string; titleId?: string }>;
}

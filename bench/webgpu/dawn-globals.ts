/**
 * Installs Dawn (the `webgpu` package) as navigator.gpu. Must be the bench entry's FIRST
 * import: tfjs-backend-webgpu registers itself only if navigator.gpu exists when it is
 * evaluated.
 */
import { create, globals } from 'webgpu';

interface Gpu { requestAdapter(): Promise<{ info?: Record<string, string> } | null> }

Object.assign(globalThis, globals);
export const dawnGpu = create([]) as unknown as Gpu;
const nav = (globalThis as { navigator?: object }).navigator ?? {};
Object.defineProperty(nav, 'gpu', { value: dawnGpu, configurable: true, writable: true });
Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });

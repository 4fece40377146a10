import type { ServiceKey } from '../services/service-key';

/** The outcome of "Test now" for one instance and service (lib/probe/deep-test.ts). */
export interface DeepTestResult {
  origin: string;
  service: ServiceKey;
  ok: boolean;
  code?: string;
  ms: number;
}

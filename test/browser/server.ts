/** Starts the real service with the demo data for the browser tests. */
import type { TestProject } from 'vitest/node';
import { startLocalService } from '../../scripts/local-service';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function startService(project: TestProject) {
  const service = await startLocalService();
  project.provide('baseUrl', service.baseUrl);
  return service.stop;
}

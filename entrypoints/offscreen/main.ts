import '../../platform/zod-jitless';
import { serveLocalJobs } from '../../platform/local-job-port';

/** The offscreen document (Chromium): runs local-processing jobs for the service worker. */
serveLocalJobs();

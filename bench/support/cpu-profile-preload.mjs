/*
 * Loaded with NODE_OPTIONS=--import (Node 20 refuses --cpu-prof there): profiles the whole
 * process with the inspector and writes <CPU_PROFILE_DIR>/portal-<pid>.cpuprofile on exit.
 * SIGUSR2 ends the first profile (start-up, sign-in and warm-up: portal-<pid>-start.cpuprofile)
 * and starts another, so the exit's profile covers only the measured load. Used by
 * bench/profile.ts only.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('SIGUSR2', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error)
        writeFileSync(
          path.join(dir, `portal-${process.pid}-start.cpuprofile`),
          JSON.stringify(result.profile),
        );
      session.post('Profiler.start');
    });
  });
  process.on('exit', () => {
    // An in-process inspector session answers synchronously, so this runs before the exit.
    session.post('Profiler.stop', (error, result) => {
      if (!error)
        writeFileSync(
          path.join(dir, `portal-${process.pid}.cpuprofile`),
          JSON.stringify(result.profile),
        );
    });
  });
}

/** The child process of a time-limited query command (time-limit.ts): the CLI, once more. */
import { main } from '../cli/main.ts';

if (process.channel) {
  process.channel.unref();
  // The parent is gone (killed, or it stopped us): nothing is left to write to.
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
process.exitCode = await main(process.argv);

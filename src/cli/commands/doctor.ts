/** `bench doctor`: every engine, its version, and why it is or is not usable here. */
import type { CommandModule } from 'yargs';
import { formatDoctor, probeEngines } from '../../engine/engines.js';

interface DoctorArgs {
  json: boolean;
}

export function doctorCommand(setExit: (code: number) => void): CommandModule<object, DoctorArgs> {
  return {
    command: 'doctor',
    describe: 'list the compute engines and whether each is usable here',
    builder: (y) => y.option('json', { type: 'boolean', default: false }) as never,
    handler: async (args) => {
      const statuses = await probeEngines();
      process.stdout.write(args.json ? `${JSON.stringify(statuses, null, 2)}\n` : formatDoctor(statuses));
      setExit(0);
    },
  };
}

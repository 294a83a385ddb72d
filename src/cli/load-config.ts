import { loadConfig, readEnvironment, type MullConfig } from '../config.js';
import { ConfigError } from '../core/errors.js';

/** Loads the configuration or ends the process with the one-line reason (exit code 2). */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): MullConfig {
  try {
    return loadConfig(readEnvironment(env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mull: configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

#!/usr/bin/env node
/**
 * The `mull` command. Each subcommand lives in its own file; this one only declares them.
 */
import { Command } from 'commander';
import { MullError } from '../core/errors.js';
import { AmortizationDefaults } from '../eval/figures.js';
import { EvalDefaults } from './eval-defaults.js';
import type { EvalCommandOptions } from './eval-command.js';
import { loadConfigOrExit } from './load-config.js';

// Each command's module is loaded when that command runs: `mull import` does not load the model
// SDKs and the platforms' clients (about 55 MB of resident memory and a second of start-up).

const program = new Command()
  .name('mull')
  .description('A Slack and Discord bot that thinks about your channels while nobody is asking.')
  .showHelpAfterError();

program
  .command('start')
  .description('connect to Slack and/or Discord as configured, or open the console')
  .option('--role <role>', 'bot (platforms only), worker (sleep passes only) or all; overrides MULL_ROLE')
  .action(async (options: { role?: string }) =>
    (await import('./start.js')).start(loadConfigOrExit(options.role ? { ...process.env, MULL_ROLE: options.role } : process.env), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }));

program
  .command('import')
  .argument('<path>', 'a Slack export (.zip or folder) or DiscordChatExporter .json (file or folder)')
  .option('--console', 'file the history as console channels (for trying Mull locally)')
  .option('--skip-bad', 'leave out the channels with a bad file and import the rest (default: a bad file stops the import before anything is written)')
  .description('load channel history from an export; importing twice adds nothing')
  .action(async (path: string, options: { console?: boolean; skipBad?: boolean }) => (await import('./import-command.js')).importCommand(loadConfigOrExit(), path, options, process.stdout));

program
  .command('channels')
  .description('list channels: messages, last pass, anticipated questions')
  .action(async () => (await import('./channels-command.js')).channelsCommand(loadConfigOrExit(), process.stdout));

program
  .command('ask')
  .argument('<question...>', 'the question')
  .option('-c, --channel <name>', 'answer from this channel only')
  .description('ask a question from the command line')
  .action(async (words: string[], options: { channel?: string }) => (await import('./ask-command.js')).askCommand(loadConfigOrExit(), words.join(' '), options, process.stdout));

program
  .command('rethink')
  .option('-c, --channel <name>', 'the channel (default: every channel with something new)')
  .option('-t, --topic <topic>', 'what to think about in particular')
  .description('a sleep pass now where something is new (nothing new and no --topic: says so, runs none)')
  .action(async (options: { channel?: string; topic?: string }) => {
    if (!(await (await import('./rethink-command.js')).rethinkCommand(loadConfigOrExit(), options, process.stdout))) process.exitCode = 1;
  });

program
  .command('stats')
  .option('-c, --channel <name>', 'one channel only')
  .option('--json', 'machine-readable output')
  .description('token ledger (sleep vs test time), answer paths, latency, passes')
  .action(async (options: { channel?: string; json?: boolean }) => (await import('./stats-command.js')).statsCommand(loadConfigOrExit(), options, process.stdout));

program
  .command('store')
  .description('store utilities')
  .command('copy')
  .argument('<from>', 'the store to read, e.g. sqlite://./data/mull.sqlite')
  .argument('<to>', 'the store to write, e.g. postgres://mull@db:5432/mull')
  .description('copy every message, learned context, ledger row and state to another store; running it again changes nothing')
  .action(async (from: string, to: string) => (await import('./store-command.js')).storeCopyCommand(from, to, process.stdout));

program
  .command('eval')
  .option('-d, --dataset <path>', 'JSONL dataset (default: the shipped examples/eval/channel-qa.jsonl)')
  .option('-o, --out <dir>', `where to write eval.json, eval.md and eval.svg (default: ${EvalDefaults.out})`)
  .option('--efforts <list>', `sleep efforts to run Mull at, of low,medium,high (default: ${EvalDefaults.efforts.join(',')})`)
  .option('--budgets <list>', `baseline context budgets, tokens (default: ${EvalDefaults.budgets.join(',')})`)
  .option('--max-tokens <n>', `stop once this many tokens are spent (default: ${EvalDefaults.maxTokens})`)
  .option('--judge', 'also grade every answer with the answer model')
  .option('--cost-ratio <n>', `cost of a test-time token in sleep-time tokens (default: ${AmortizationDefaults.testToSleepCost})`)
  .option('--horizon-days <n>', `days the first read of history is amortized over (default: ${AmortizationDefaults.horizonDays})`)
  .description('measure sleep-time compute on the configured model: correctness vs test-time tokens, cost, precision')
  .action(async (options: EvalCommandOptions) => {
    if (!(await (await import('./eval-command.js')).evalCommand(loadConfigOrExit(), options, process.stdout, process.stderr))) process.exitCode = 1;
  });

program
  .command('discord')
  .description('Discord utilities')
  .command('register')
  .option('--global', 'register globally (takes up to an hour to reach every guild) instead of to DISCORD_GUILD_ID')
  .description('register the slash commands in manifests/discord-commands.json')
  .action(async (options: { global?: boolean }) => (await import('./discord-command.js')).discordRegisterCommand(loadConfigOrExit(), options, process.stdout));

program.parseAsync(process.argv).catch((error: unknown) => {
  // Known failures get one clear line; anything else keeps its stack for a bug report.
  if (error instanceof MullError) {
    process.stderr.write(`mull: ${error.message}\n`);
  } else {
    process.stderr.write(`mull: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
});

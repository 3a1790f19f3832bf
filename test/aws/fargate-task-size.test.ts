import { describe, expect, it } from 'vitest';

import {
  FARGATE_TASK_SIZES,
  FARGATE_WINDOWS_MIN_CPU,
  checkFargateTaskSize,
  fargateCpuOptions,
  fargateMemoryOptions,
  fargateTaskSizeFor,
  isWindowsOperatingSystemFamily,
  parseCpuUnits,
  parseMemoryMiB,
} from '../../src/aws/fargate-task-size.js';

const GB = 1024;

describe('FARGATE_TASK_SIZES', () => {
  it('lists the seven cpu sizes in order', () => {
    expect(FARGATE_TASK_SIZES.map((size) => size.cpu)).toEqual([
      256, 512, 1024, 2048, 4096, 8192, 16384,
    ]);
  });

  it.each([
    [256, [512, 1024, 2048]],
    [512, [1024, 2048, 3072, 4096]],
    [1024, [2048, 3072, 4096, 5120, 6144, 7168, 8192]],
    [2048, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((gb) => gb * GB)],
    [4096, Array.from({ length: 23 }, (_, i) => (8 + i) * GB)],
    [8192, [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60].map((g) => g * GB)],
    [
      16384,
      [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120].map((g) => g * GB),
    ],
  ])('cpu %i offers the documented memory values', (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });

  it('gives 4 vCPU memory from 8 GB to 30 GB', () => {
    const memory = fargateMemoryOptions(4096);
    expect(memory[0]).toBe(8192);
    expect(memory.at(-1)).toBe(30720);
  });

  it.each([
    [256, ['LINUX'], undefined],
    [512, ['LINUX'], undefined],
    [1024, ['LINUX', 'WINDOWS'], undefined],
    [2048, ['LINUX', 'WINDOWS'], undefined],
    [4096, ['LINUX', 'WINDOWS'], undefined],
    [8192, ['LINUX'], '1.4.0'],
    [16384, ['LINUX'], '1.4.0'],
  ])('cpu %i runs on %j from platform %s', (cpu, systems, platform) => {
    const size = fargateTaskSizeFor(cpu);
    expect(size?.operatingSystems).toEqual(systems);
    expect(size?.minimumPlatformVersion).toBe(platform);
  });
});

describe('parseCpuUnits', () => {
  it.each([
    [256, 256],
    [1024, 1024],
    [0, 0],
    ['1024', 1024],
    ['256', 256],
    ['1 vCPU', 1024],
    ['1 vcpu', 1024],
    ['1vCPU', 1024],
    ['1 VCPU', 1024],
    ['0.25 vCPU', 256],
    ['.25 vCPU', 256],
    ['.5 vCPU', 512],
    ['.5vcpu', 512],
    ['0.5 vCPU', 512],
    ['2 vCPU', 2048],
    ['4 vCPU', 4096],
    ['8 vCPU', 8192],
    ['16 vCPU', 16384],
    ['1.0 vCPU', 1024],
    ['0.125 vCPU', 128],
  ])('parses %j as %i units', (value, expected) => {
    expect(parseCpuUnits(value)).toBe(expected);
  });

  it.each([
    ['negative number', -1],
    ['fractional number', 1024.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['unsafe integer', 2 ** 60],
    ['fraction of a unit', '0.1 vCPU'],
    ['decimal string', '1024.0'],
    ['negative string', '-1024'],
    ['empty string', ''],
    ['unit only', 'vCPU'],
    ['GB unit', '1 GB'],
    ['two spaces', '1  vCPU'],
    ['leading space', ' 1024'],
    ['trailing space', '1024 '],
    ['placeholder', '{{ cpu }}'],
    ['null', null],
    ['undefined', undefined],
    ['boolean', true],
    ['object', { cpu: 1024 }],
  ])('rejects %s', (_, value) => {
    expect(parseCpuUnits(value)).toBeUndefined();
  });
});

describe('parseMemoryMiB', () => {
  it.each([
    [512, 512],
    [2048, 2048],
    ['2048', 2048],
    ['2 GB', 2048],
    ['2GB', 2048],
    ['2 gb', 2048],
    ['0.5 GB', 512],
    ['.5 GB', 512],
    ['0.5GB', 512],
    ['30 GB', 30720],
    ['120 GB', 122880],
  ])('parses %j as %i MiB', (value, expected) => {
    expect(parseMemoryMiB(value)).toBe(expected);
  });

  it.each([
    ['fractional number', 2048.5],
    ['negative number', -512],
    ['fraction of a MiB', '0.0001 GB'],
    ['MiB unit', '2048 MiB'],
    ['MB unit', '2048 MB'],
    ['GiB unit', '2 GiB'],
    ['vCPU unit', '2 vCPU'],
    ['decimal string', '2048.0'],
    ['empty string', ''],
    ['placeholder', '{{ memory }}'],
    ['null', null],
    ['array', [2048]],
  ])('rejects %s', (_, value) => {
    expect(parseMemoryMiB(value)).toBeUndefined();
  });
});

describe('checkFargateTaskSize', () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 1024],
    [512, 4096],
    [1024, 2048],
    [1024, 8192],
    [2048, 4096],
    [2048, 16384],
    [4096, 8192],
    [4096, 30720],
    [8192, 16384],
    [8192, 61440],
    [16384, 32768],
    [16384, 122880],
    ['1 vCPU', '2 GB'],
    ['.25 vCPU', '0.5 GB'],
    ['1024', '2048'],
    ['16 vCPU', '120GB'],
  ])('accepts cpu %j with memory %j', (cpu, memory) => {
    expect(checkFargateTaskSize({ cpu, memory })).toEqual({ valid: true });
  });

  const linuxCpu = [256, 512, 1024, 2048, 4096, 8192, 16384];

  it.each([
    // cpu, memory, nearest
    [256, 4096, 2048],
    [256, 256, 512],
    [256, 1536, 2048], // tie between 1024 and 2048
    [256, 1500, 1024],
    [512, 512, 1024],
    [512, 5120, 4096],
    [1024, 1024, 2048],
    [1024, 9216, 8192],
    [2048, 2048, 4096],
    [2048, 4608, 5120], // tie between 4096 and 5120
    [4096, 32768, 30720],
    [8192, 18432, 20480], // tie between 16384 and 20480
    [8192, 17000, 16384],
    [8192, 8192, 16384],
    [16384, 36864, 40960], // tie between 32768 and 40960
    [16384, 131072, 122880],
  ])('cpu %i with memory %i suggests %i', (cpu, memory, nearest) => {
    expect(checkFargateTaskSize({ cpu, memory })).toEqual({
      valid: false,
      reason: 'unsupported-memory',
      allowedMemory: [...fargateMemoryOptions(cpu)],
      nearestMemory: nearest,
      supportedCpu: linuxCpu,
    });
  });

  it('reports memory problems for string forms', () => {
    const result = checkFargateTaskSize({ cpu: '0.5 vCPU', memory: '512' });
    expect(result).toEqual({
      valid: false,
      reason: 'unsupported-memory',
      allowedMemory: [1024, 2048, 3072, 4096],
      nearestMemory: 1024,
      supportedCpu: linuxCpu,
    });
  });

  it.each([128, 768, 3072, 32768, '3 vCPU', '32 vCPU'])(
    'rejects cpu %j as unsupported',
    (cpu) => {
      expect(checkFargateTaskSize({ cpu, memory: 2048 })).toEqual({
        valid: false,
        reason: 'unsupported-cpu',
        allowedMemory: [],
        supportedCpu: linuxCpu,
      });
    },
  );

  it.each([
    ['cpu placeholder', '{{ cpu }}', 2048],
    ['cpu null', null, 2048],
    ['cpu fraction', '0.3 vCPU', 2048],
  ])('reports %s as unparseable', (_, cpu, memory) => {
    expect(checkFargateTaskSize({ cpu, memory })).toEqual({
      valid: false,
      reason: 'unparseable',
      allowedMemory: [],
      supportedCpu: linuxCpu,
    });
  });

  it.each([
    ['memory placeholder', '{{ memory }}'],
    ['memory null', null],
    ['memory in MiB units', '2048 MiB'],
  ])('reports %s as unparseable with options', (_, memory) => {
    expect(checkFargateTaskSize({ cpu: 1024, memory })).toEqual({
      valid: false,
      reason: 'unparseable',
      allowedMemory: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
      supportedCpu: linuxCpu,
    });
  });

  it('reports unparseable cpu before bad memory', () => {
    const result = checkFargateTaskSize({ cpu: 'big', memory: 'huge' });
    expect(result).toMatchObject({ valid: false, reason: 'unparseable' });
  });

  describe('on Windows', () => {
    const windows = 'WINDOWS_SERVER_2019_FULL';
    const windowsCpu = [1024, 2048, 4096];

    it.each([
      [1024, 2048],
      [2048, 16384],
      [4096, 30720],
      ['1 vCPU', '8 GB'],
    ])('accepts cpu %j with memory %j', (cpu, memory) => {
      expect(
        checkFargateTaskSize({ cpu, memory, operatingSystemFamily: windows }),
      ).toEqual({ valid: true });
    });

    it.each([256, 512, '.5 vCPU'])('rejects cpu %j below 1 vCPU', (cpu) => {
      expect(
        checkFargateTaskSize({
          cpu,
          memory: 1024,
          operatingSystemFamily: windows,
        }),
      ).toEqual({
        valid: false,
        reason: 'windows-min-cpu',
        allowedMemory: [],
        supportedCpu: windowsCpu,
      });
    });

    it.each([8192, 16384, 100])('rejects cpu %j as unsupported', (cpu) => {
      expect(
        checkFargateTaskSize({
          cpu,
          memory: 32768,
          operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE',
        }),
      ).toEqual({
        valid: false,
        reason: 'unsupported-cpu',
        allowedMemory: [],
        supportedCpu: windowsCpu,
      });
    });

    it('suggests memory for a Windows task', () => {
      const result = checkFargateTaskSize({
        cpu: 1024,
        memory: 1024,
        operatingSystemFamily: windows,
      });
      expect(result).toEqual({
        valid: false,
        reason: 'unsupported-memory',
        allowedMemory: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
        nearestMemory: 2048,
        supportedCpu: windowsCpu,
      });
    });
  });

  it('treats LINUX as Linux', () => {
    expect(
      checkFargateTaskSize({
        cpu: 256,
        memory: 512,
        operatingSystemFamily: 'LINUX',
      }),
    ).toEqual({ valid: true });
  });

  it('returns copies the caller may change', () => {
    const first = checkFargateTaskSize({ cpu: 256, memory: 4096 });
    if (!first.valid) {
      first.allowedMemory.push(1);
      first.supportedCpu.push(1);
    }
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
    expect(fargateCpuOptions()).toEqual(linuxCpu);
  });
});

describe('fargateMemoryOptions', () => {
  it.each([
    ['1 vCPU', 7],
    ['1024', 7],
    ['.25 vCPU', 3],
    [16384, 12],
  ])('accepts cpu %j in any form', (cpu, count) => {
    expect(fargateMemoryOptions(cpu)).toHaveLength(count);
  });

  it.each([128, 3072, '{{ cpu }}', null])('is empty for cpu %j', (cpu) => {
    expect(fargateMemoryOptions(cpu)).toEqual([]);
  });
});

describe('fargateCpuOptions', () => {
  it.each([
    [undefined, [256, 512, 1024, 2048, 4096, 8192, 16384]],
    ['LINUX', [256, 512, 1024, 2048, 4096, 8192, 16384]],
    ['{{ os_family }}', [256, 512, 1024, 2048, 4096, 8192, 16384]],
    ['WINDOWS_SERVER_2019_CORE', [1024, 2048, 4096]],
  ])('lists cpu for %j', (family, cpu) => {
    expect(fargateCpuOptions(family)).toEqual(cpu);
  });
});

describe('isWindowsOperatingSystemFamily', () => {
  it.each([
    ['WINDOWS_SERVER_2019_FULL', true],
    ['WINDOWS_SERVER_2022_CORE', true],
    ['WINDOWS_SERVER_20H2_CORE', true],
    ['LINUX', false],
    ['windows', false],
    [undefined, false],
    [42, false],
  ])('classifies %j as %s', (family, expected) => {
    expect(isWindowsOperatingSystemFamily(family)).toBe(expected);
  });

  it('uses 1 vCPU as the Windows minimum', () => {
    expect(FARGATE_WINDOWS_MIN_CPU).toBe(1024);
  });
});

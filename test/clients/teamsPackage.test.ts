import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { buildTeamsPackage, PLACEHOLDER_ID } from '../../scripts/teamsPackage/build.js';
import { crc32 } from '../../scripts/teamsPackage/crc32.js';

/** Reads a zip through its central directory, checking each entry's CRC, as Teams' validator would. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50);
    const [method, crc, size, nameLength, extraLength, commentLength, offset] = [
      zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20),
      zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32), zip.readUInt32LE(at + 42),
    ];
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const stored = zip.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(stored) : stored;
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Width, height and RGBA pixels of the PNGs we write (8-bit RGBA, filter 0). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.concat(Array.from({ length: height }, (_, y) => raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1))));
  return { width, height, pixels };
}

describe('npm run teams:package', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ra-teams-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a Teams app zip: manifest, fr and zh localizations, colour and outline icons', () => {
    const appId = '3f1c2a9e-5b7d-4c21-9e0f-1a2b3c4d5e6f';
    const { zipPath, warnings } = buildTeamsPackage({ appId, version: '1.2.3', outDir: dir });
    assert.ok(!warnings.some((w) => w.includes('MicrosoftAppId')));
    const files = unzip(readFileSync(zipPath));
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'fr-fr.json', 'manifest.json', 'outline.png', 'zh-cn.json']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    assert.ok(Number(manifest.manifestVersion) >= 1.17);
    assert.equal(manifest.id, appId);
    assert.equal(manifest.version, '1.2.3');
    assert.equal(manifest.bots[0].botId, appId);
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    const commands = manifest.bots[0].commandLists[0].commands as Array<{ title: string; description: string }>;
    assert.ok(commands.length >= 5 && commands.length <= 10);
    for (const c of commands) assert.ok(c.title.length <= 32 && c.description.length <= 128, c.title);
    assert.ok(manifest.name.short.length <= 30 && manifest.description.short.length <= 80);

    for (const { languageTag, file } of manifest.localizationInfo.additionalLanguages as Array<{ languageTag: string; file: string }>) {
      const localized = JSON.parse(files.get(file)!.toString('utf8')) as Record<string, string>;
      assert.ok(localized['name.short'] && localized['name.short'] !== manifest.name.short, languageTag);
      commands.forEach((_, i) => assert.ok(localized[`bots[0].commandLists[0].commands[${i}].title`], `${languageTag} command ${i}`));
    }
    const zh = JSON.parse(files.get('zh-cn.json')!.toString('utf8')) as Record<string, string>;
    assert.equal(zh['bots[0].commandLists[0].commands[0].title'], '帮助', 'titles are words the bot understands');
  });

  it('draws a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const { zipPath } = buildTeamsPackage({ version: '1.0.0', outDir: dir });
    const files = unzip(readFileSync(zipPath));
    const colour = decodePng(files.get('color.png')!);
    assert.deepEqual([colour.width, colour.height], [192, 192]);
    const outline = decodePng(files.get('outline.png')!);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} must be white`);
    }
    assert.ok(transparent > 32 * 32 * 0.5, 'mostly transparent');
  });

  it('uses a placeholder id with a warning when MicrosoftAppId is unset, and refuses a non-GUID', () => {
    const { zipPath, warnings } = buildTeamsPackage({ version: '1.0.0', outDir: dir });
    assert.ok(warnings.some((w) => w.includes('MicrosoftAppId')));
    assert.equal(JSON.parse(unzip(readFileSync(zipPath)).get('manifest.json')!.toString('utf8')).bots[0].botId, PLACEHOLDER_ID);
    assert.throws(() => buildTeamsPackage({ appId: 'not-a-guid', version: '1.0.0', outDir: dir }), /GUID/);
  });
});

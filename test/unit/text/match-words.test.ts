import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CrisisWords } from '../../../src/services/crisis-words.js';
import { Texts } from '../../../src/services/texts.js';
import { testServices } from '../../helpers/services.js';
import { foldForMatching, lineDiff, phraseMatcher } from '../../../src/text/index.js';

const dir = mkdtempSync(join(tmpdir(), 'haven-crisis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** The default crisis list, as a fresh data directory holds it. */
const crisis = new CrisisWords(new Texts(dir), testServices().services.reports);

describe('matching phrases', () => {
  it('folds case, accents, ß and punctuation the same way in text and phrase', () => {
    expect(foldForMatching('  Mettre FIN à mes jours… ')).toBe('mettre fin a mes jours');
    expect(foldForMatching('Kill-myself!')).toBe('kill myself');
    expect(foldForMatching('Straße')).toBe('strasse');
    expect(foldForMatching("can't")).toBe('can t');
    expect(foldForMatching('İYİ ÖLMEK')).toBe('iyi olmek');
  });

  it('matches whole words only, anywhere in the text, with * for any ending', () => {
    const m = phraseMatcher(['die', 'hurt myself', 'grie*']);
    expect(m.find('I could die')).toBe('die');
    expect(m.find('Die.')).toBe('die');
    expect(m.find('my diet starts monday')).toBeUndefined();
    expect(m.find('studied hard')).toBeUndefined();
    expect(m.find('I might HURT\nmyself')).toBe('hurt myself');
    expect(m.find('I hurt my self-esteem')).toBeUndefined();
    expect(m.find('still grieving')).toBe('grie*');
    expect(m.find('agrief')).toBeUndefined();
    expect(phraseMatcher([]).find('anything')).toBeUndefined();
  });

  it('an exception line takes its words out of the count, and only there', () => {
    const m = phraseMatcher(['suicide', '!suicide squad']);
    expect(m.find('Suicide Squad was a silly film')).toBeUndefined();
    expect(m.find('after suicide squad I thought about suicide')).toBe('suicide');
  });
});

describe('the default crisis phrases', () => {
  it.each([
    ['I just want to die', 'want to die'],
    ['Sometimes I think about ending my life.', 'ending my life'],
    ['i WANT TO KILL MYSELF', 'kill myself'],
    ['There is no reason to live anymore', 'no reason to live'],
    ['having suicidal thoughts again', 'suicid*'],
    ["I can't go on like this", "i can't go on"],
    ['Quiero morir', 'quiero morir'],
    ['a veces pienso en quitarme la vida', 'quitarme la vida'],
    ['no quiero hacerme dano', 'hacerme daño'],
    ['Je veux mourir', 'je veux mourir'],
    ['je pense à mettre fin a mes jours', 'mettre fin à mes jours'],
    ['Ich will sterben', 'ich will sterben'],
    ['Selbstmordgedanken seit Wochen', 'selbstmord*'],
    ['ich will mich umbringen', 'mich umbringen'],
  ])('finds %j', (text, phrase) => {
    expect(crisis.find(text)).toBe(phrase);
  });

  it.each([
    'We watched Suicide Squad last night',
    'The suicide prevention line was kind to me',
    'I am on a diet and it is killing me',
    'Do not skip dinner, you need to live well',
    'my dad died last year',
    'I had a good day today',
  ])('leaves %j alone', (text) => {
    expect(crisis.find(text)).toBeUndefined();
  });
});

describe('line diff', () => {
  it('marks added and removed lines and keeps the rest in order', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('compares from nothing, to nothing, and the same text', () => {
    expect(lineDiff('', 'x\ny').map((l) => l.kind)).toEqual(['added', 'added']);
    expect(lineDiff('x', '').map((l) => l.kind)).toEqual(['removed']);
    expect(lineDiff('x\ny', 'x\ny').every((l) => l.kind === 'same')).toBe(true);
  });
});

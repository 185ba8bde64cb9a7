/** The codebooks of the demo's two instruments: item code -> construct, reverse flag, wording, column. */
import type { MissingReason } from '../../src/shared/vocab.ts';

export interface ResponseScaleSpec {
  code: string;
  name: string;
  min: number;
  max: number;
  options: ({ label: string; value: number } | { label: string; missing_reason: MissingReason })[];
  /** What an empty cell means. */
  blank: MissingReason;
}

const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

export const RESPONSE_SCALES: ResponseScaleSpec[] = [
  {
    code: 'agree5_pnts',
    name: 'Agreement (5 points) with "Prefer not to say"',
    min: 1,
    max: 5,
    options: [
      ...AGREE.map((label, i) => ({ label, value: i + 1 })),
      { label: 'Prefer not to say', missing_reason: 'prefer_not_to_say' },
    ],
    blank: 'skipped',
  },
  {
    code: 'agree5_dk',
    name: 'Agreement (5 points) with "Don\'t know"',
    min: 1,
    max: 5,
    options: [
      ...AGREE.map((label, i) => ({ label, value: i + 1 })),
      { label: "Don't know", missing_reason: 'dont_know' },
    ],
    blank: 'skipped',
  },
];
export const AGREE_LABELS = AGREE;

export interface ConstructSpec {
  code: string;
  name: string;
  minItems: number;
  /** Mean item location on 1-5 before the program. */
  location: number;
  /** Growth in latent SD per unit of dosage (youth) or yearly means (partners). */
  growth: number;
}

export interface ItemSpec {
  code: string;
  construct: string;
  text: string;
  reverse: boolean;
  /** Wording used in a later cohort, if the survey was edited. */
  reworded?: { cohort: string; text: string; comparable: boolean };
}

export interface InstrumentSpec {
  code: string;
  name: string;
  version: string;
  respondentKind: 'youth' | 'partner';
  responseScale: string;
  constructs: ConstructSpec[];
  items: ItemSpec[];
}

export const YOUTH_STEM: InstrumentSpec = {
  code: 'youth_stem',
  name: 'STEM Career Connections youth survey',
  version: '1',
  respondentKind: 'youth',
  responseScale: 'agree5_pnts',
  constructs: [
    { code: 'career_awareness', name: 'STEM career awareness', minItems: 3, location: 2.8, growth: 0.85 },
    { code: 'stem_interest', name: 'STEM interest', minItems: 4, location: 3.4, growth: 0.5 },
    { code: 'self_efficacy', name: 'STEM self-efficacy', minItems: 4, location: 3.3, growth: 0.55 },
    { code: 'belonging', name: 'Sense of belonging in STEM', minItems: 3, location: 3.6, growth: 0 },
  ],
  items: [
    {
      code: 'CA1',
      construct: 'career_awareness',
      reverse: false,
      text: 'I know about jobs that use science, technology, engineering or math',
    },
    {
      code: 'CA2',
      construct: 'career_awareness',
      reverse: false,
      text: 'I know someone who works in a STEM job',
    },
    {
      code: 'CA3',
      construct: 'career_awareness',
      reverse: false,
      text: 'I know what education I would need for a STEM career',
    },
    {
      code: 'CA4',
      construct: 'career_awareness',
      reverse: false,
      text: 'I know about STEM jobs here in my community',
    },
    {
      code: 'CA5',
      construct: 'career_awareness',
      reverse: true,
      text: 'I have no idea what STEM workers do all day',
    },
    {
      code: 'INT1',
      construct: 'stem_interest',
      reverse: false,
      text: 'I am interested in STEM careers',
      reworded: {
        cohort: '2024-25',
        text: 'I am interested in a career in science, technology, engineering or math',
        comparable: true,
      },
    },
    { code: 'INT2', construct: 'stem_interest', reverse: false, text: 'I like building or fixing things' },
    {
      code: 'INT3',
      construct: 'stem_interest',
      reverse: false,
      text: 'I want to learn more about how sensors and 3D printers work',
    },
    {
      code: 'INT4',
      construct: 'stem_interest',
      reverse: true,
      text: 'Science and technology are boring to me',
    },
    {
      code: 'INT5',
      construct: 'stem_interest',
      reverse: false,
      text: 'I enjoy solving problems with technology',
    },
    {
      code: 'INT6',
      construct: 'stem_interest',
      reverse: false,
      text: 'I would like to join a STEM club or camp again',
    },
    { code: 'SE1', construct: 'self_efficacy', reverse: false, text: 'I can learn to use new technology' },
    {
      code: 'SE2',
      construct: 'self_efficacy',
      reverse: false,
      text: 'I am good at figuring out how things work',
    },
    {
      code: 'SE3',
      construct: 'self_efficacy',
      reverse: false,
      text: 'I can design something and print it on a 3D printer',
    },
    { code: 'SE4', construct: 'self_efficacy', reverse: false, text: 'I can do well in math and science' },
    {
      code: 'SE5',
      construct: 'self_efficacy',
      reverse: true,
      text: 'I give up when a technology task gets hard',
    },
    { code: 'SE6', construct: 'self_efficacy', reverse: false, text: 'I can explain my project to an adult' },
    { code: 'BEL1', construct: 'belonging', reverse: false, text: 'I feel like I belong in STEM activities' },
    {
      code: 'BEL2',
      construct: 'belonging',
      reverse: false,
      text: 'People like me can become scientists or engineers',
    },
    { code: 'BEL3', construct: 'belonging', reverse: false, text: 'The mentors make me feel welcome' },
    {
      code: 'BEL4',
      construct: 'belonging',
      reverse: true,
      text: 'I feel like an outsider in STEM activities',
    },
    {
      code: 'BEL5',
      construct: 'belonging',
      reverse: false,
      text: 'Other students in the program respect my ideas',
    },
  ],
};

export const PARTNER_COLLAB: InstrumentSpec = {
  code: 'partner_collab',
  name: 'Partnership collaboration survey',
  version: '1',
  respondentKind: 'partner',
  responseScale: 'agree5_dk',
  // location: the factor mean in the first year; growth: change per year.
  constructs: [
    { code: 'communication', name: 'Communication', minItems: 2, location: 3.4, growth: 0.35 },
    { code: 'mutual_benefit', name: 'Mutual benefit', minItems: 2, location: 3.9, growth: 0.05 },
    { code: 'shared_vision', name: 'Shared vision', minItems: 2, location: 4.2, growth: 0.05 },
    { code: 'resources', name: 'Sufficient resources', minItems: 2, location: 2.8, growth: -0.1 },
  ],
  items: [
    { code: 'COM1', construct: 'communication', reverse: false, text: 'We communicate openly' },
    {
      code: 'COM2',
      construct: 'communication',
      reverse: false,
      text: 'I am kept informed about what is going on',
    },
    {
      code: 'COM3',
      construct: 'communication',
      reverse: false,
      text: 'Partnership meetings are regular and useful',
    },
    {
      code: 'MB1',
      construct: 'mutual_benefit',
      reverse: false,
      text: 'My organization benefits from being in this partnership',
    },
    {
      code: 'MB2',
      construct: 'mutual_benefit',
      reverse: false,
      text: 'What we gain is worth the time we give',
    },
    {
      code: 'MB3',
      construct: 'mutual_benefit',
      reverse: false,
      text: 'Every partner gains something from the work',
    },
    {
      code: 'SV1',
      construct: 'shared_vision',
      reverse: false,
      text: 'We share a clear vision for youth STEM learning',
    },
    { code: 'SV2', construct: 'shared_vision', reverse: false, text: "We agree on the partnership's goals" },
    {
      code: 'SV3',
      construct: 'shared_vision',
      reverse: true,
      text: 'Partners have unrealistic expectations of each other',
    },
    { code: 'RES1', construct: 'resources', reverse: false, text: 'The partnership has enough funding' },
    { code: 'RES2', construct: 'resources', reverse: false, text: 'We have enough staff and volunteer time' },
    { code: 'RES3', construct: 'resources', reverse: false, text: 'We have the equipment and space we need' },
  ],
};

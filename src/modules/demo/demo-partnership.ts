/**
 * The demo partnership, modelled on the seeds: a metropolitan council that leads a wellbeing
 * partnership, an NHS trust, a housing association, a private employer and a police force
 * whose occupational health unit serves the others. Deterministic: the same seed always
 * gives the same people. The names are invented.
 */
import type { Role } from '../../domain/roles.ts';

export interface DemoPerson {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  unitPath: string[];
  startDate: string;
  endDate: string | null;
  email: string;
  jobTitle: string;
  staffGroup: string;
  managerEmployeeNumber: string | null;
  weeklyHours: number;
  hours: [number, number, number, number, number, number, number];
  worksBankHolidays: boolean;
  annualSalary: number | null;
}

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  employeeNumber: string | null;
  roles: Role[];
}

export interface DemoOrganisation {
  slug: string;
  name: string;
  sector: 'local_government' | 'nhs' | 'housing' | 'private' | 'police';
  region: 'england-and-wales' | 'scotland' | 'northern-ireland';
  fullTimeHours: number;
  targetDaysPerFte: number;
  onCostRate: number;
  policyModel: 'person_centred' | 'trigger_based';
  isLead: boolean;
  providesOccupationalHealth: boolean;
  agreement: {
    startDate: string;
    endDate: string | null;
    annualContributionGbp: number;
    headcount: number;
    marketingContact: { name: string; email: string; phone: string };
  } | null;
  sites: { name: string; address: string; postcode: string }[];
  people: DemoPerson[];
  accounts: DemoAccount[];
}

export interface DemoPartnership {
  partnership: { name: string; slug: string };
  organisations: DemoOrganisation[];
}

/** mulberry32: a small, fast, seeded pseudo-random generator. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof generator>;

const FIRST_NAMES = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Mia',
  'Grace',
  'Freya',
  'Lily',
  'Sophie',
  'Emily',
  'Chloe',
  'Aisha',
  'Priya',
  'Zara',
  'Fatima',
  'Hannah',
  'Niamh',
  'Siobhan',
  'Megan',
  'Rhian',
  'Bethan',
  'Joanne',
  'Claire',
  'Karen',
  'Susan',
  'Janet',
  'Agnieszka',
  'Maria',
  'Chidinma',
  'Yetunde',
  'Noah',
  'Oliver',
  'George',
  'Harry',
  'Jack',
  'Jacob',
  'Leo',
  'Oscar',
  'Charlie',
  'Muhammad',
  'Arjun',
  'Ravi',
  'Tomasz',
  'Kwame',
  'Declan',
  'Callum',
  'Rhys',
  'Gareth',
  'Dafydd',
  'Iain',
  'Stuart',
  'Paul',
  'Mark',
  'David',
  'Andrew',
  'Steven',
  'Michael',
  'Ian',
  'Gary',
  'Lee',
  'Wayne',
  'Adebayo',
  'Hamza',
  'Imran',
  'Luke',
  'Daniel',
  'Sam',
  'Alex',
] as const;

const LAST_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Ahmed',
  'Hussain',
  'Begum',
  'Singh',
  'Kaur',
  'Okafor',
  'Adeyemi',
  'Mensah',
  'Nowak',
  'Kowalski',
  'Murphy',
  "O'Brien",
  'Byrne',
  'Doyle',
  'MacLeod',
  'Campbell',
  'Stewart',
  'Hughes',
  'Price',
  'Lewis',
  'Morgan',
  'Griffiths',
  'Edwards',
  'Harrison',
  'Marshall',
  'Gibson',
  'Kennedy',
  'Fletcher',
  'Holt',
  'Ashworth',
] as const;

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

type Pattern = { weeklyHours: number; hours: DemoPerson['hours']; worksBankHolidays: boolean };

function officePattern(fullTime: number): Pattern {
  const day = Math.round((fullTime / 5) * 100) / 100;
  return {
    weeklyHours: fullTime,
    hours: [day, day, day, day, Math.round((fullTime - day * 4) * 100) / 100, 0, 0],
    worksBankHolidays: false,
  };
}

function partTimePattern(r: Random, fullTime: number): Pattern {
  const day = Math.round((fullTime / 5) * 100) / 100;
  const options: Pattern[] = [
    { weeklyHours: day * 3, hours: [day, day, day, 0, 0, 0, 0], worksBankHolidays: false },
    { weeklyHours: day * 2, hours: [0, 0, 0, day, day, 0, 0], worksBankHolidays: false },
    { weeklyHours: 20, hours: [4, 4, 4, 4, 4, 0, 0], worksBankHolidays: false },
    { weeklyHours: day * 4, hours: [day, day, day, day, 0, 0, 0], worksBankHolidays: false },
  ];
  const chosen = r.pick(options);
  return { ...chosen, weeklyHours: Math.round(chosen.weeklyHours * 100) / 100 };
}

/** Shift work over seven days that includes bank holidays (wards, response, home care). */
function shiftPattern(r: Random, fullTime: number): Pattern {
  const long = Math.round((fullTime / 3) * 100) / 100;
  const options: Pattern[] = [
    { weeklyHours: long * 3, hours: [long, 0, long, 0, 0, long, 0], worksBankHolidays: true },
    { weeklyHours: long * 3, hours: [0, long, 0, long, 0, 0, long], worksBankHolidays: true },
    { weeklyHours: long * 3, hours: [0, 0, long, long, long, 0, 0], worksBankHolidays: true },
    { weeklyHours: long * 2, hours: [0, 0, 0, 0, long, long, 0], worksBankHolidays: true },
  ];
  const chosen = r.pick(options);
  return { ...chosen, weeklyHours: Math.round(chosen.weeklyHours * 100) / 100 };
}

interface TeamSpec {
  path: string[];
  size: number;
  jobTitle: string;
  staffGroup: string;
  salary: [number, number];
  shifts?: boolean;
}

interface OrganisationSpec {
  slug: string;
  name: string;
  domain: string;
  prefix: string;
  sector: DemoOrganisation['sector'];
  fullTimeHours: number;
  targetDaysPerFte: number;
  onCostRate: number;
  policyModel: DemoOrganisation['policyModel'];
  isLead: boolean;
  providesOccupationalHealth: boolean;
  chief: { jobTitle: string; staffGroup: string; salary: number };
  directorTitle: string;
  managerTitle: string;
  managementGroup: string;
  teams: TeamSpec[];
  sites: DemoOrganisation['sites'];
  agreement: DemoOrganisation['agreement'];
  /** Which teams hold the demo accounts' people (HR, and the line manager's team). */
  hrTeam: string;
  managedTeam: string;
  extraAccounts: { role: Role; team: string }[];
}

const COUNCIL_TEAMS: TeamSpec[] = [
  {
    path: ['Adult Social Care', 'Home Care', 'North Team'],
    size: 55,
    jobTitle: 'Home Care Worker',
    staffGroup: 'Social Care',
    salary: [22_000, 25_500],
    shifts: true,
  },
  {
    path: ['Adult Social Care', 'Home Care', 'South Team'],
    size: 50,
    jobTitle: 'Home Care Worker',
    staffGroup: 'Social Care',
    salary: [22_000, 25_500],
    shifts: true,
  },
  {
    path: ['Adult Social Care', 'Assessment and Care Management'],
    size: 45,
    jobTitle: 'Social Worker',
    staffGroup: 'Professional',
    salary: [34_000, 43_000],
  },
  {
    path: ['Adult Social Care', 'Day Services'],
    size: 30,
    jobTitle: 'Day Services Officer',
    staffGroup: 'Social Care',
    salary: [23_500, 27_000],
  },
  {
    path: ["Children's Services", 'Children and Families', 'Assessment Team'],
    size: 40,
    jobTitle: 'Social Worker',
    staffGroup: 'Professional',
    salary: [35_000, 44_000],
  },
  {
    path: ["Children's Services", 'Education', 'School Improvement'],
    size: 25,
    jobTitle: 'School Improvement Adviser',
    staffGroup: 'Professional',
    salary: [40_000, 52_000],
  },
  {
    path: ["Children's Services", 'Early Help'],
    size: 35,
    jobTitle: 'Family Support Worker',
    staffGroup: 'Social Care',
    salary: [26_000, 31_000],
  },
  {
    path: ['Place', 'Waste and Recycling', 'Collections'],
    size: 70,
    jobTitle: 'Refuse Loader',
    staffGroup: 'Manual',
    salary: [21_500, 24_000],
  },
  {
    path: ['Place', 'Highways', 'Street Lighting'],
    size: 20,
    jobTitle: 'Electrician',
    staffGroup: 'Manual',
    salary: [27_000, 31_000],
  },
  {
    path: ['Place', 'Parks and Leisure', 'Leisure Centres'],
    size: 45,
    jobTitle: 'Leisure Assistant',
    staffGroup: 'Manual',
    salary: [21_000, 23_500],
    shifts: true,
  },
  {
    path: ['Place', 'Planning and Building Control'],
    size: 30,
    jobTitle: 'Planning Officer',
    staffGroup: 'Professional',
    salary: [33_000, 42_000],
  },
  {
    path: ['Corporate Resources', 'Human Resources'],
    size: 25,
    jobTitle: 'HR Adviser',
    staffGroup: 'Admin',
    salary: [29_000, 38_000],
  },
  {
    path: ['Corporate Resources', 'Finance'],
    size: 35,
    jobTitle: 'Finance Officer',
    staffGroup: 'Admin',
    salary: [27_000, 36_000],
  },
  {
    path: ['Corporate Resources', 'Customer Contact Centre'],
    size: 60,
    jobTitle: 'Customer Services Adviser',
    staffGroup: 'Admin',
    salary: [22_500, 25_000],
  },
  {
    path: ['Corporate Resources', 'Active Workforce Programme'],
    size: 12,
    jobTitle: 'Wellbeing Officer',
    staffGroup: 'Professional',
    salary: [28_000, 34_000],
  },
  {
    path: ['Corporate Resources', 'Legal and Democratic Services'],
    size: 30,
    jobTitle: 'Solicitor',
    staffGroup: 'Professional',
    salary: [40_000, 55_000],
  },
  {
    path: ['Public Health', 'Health Improvement'],
    size: 25,
    jobTitle: 'Health Improvement Practitioner',
    staffGroup: 'Professional',
    salary: [30_000, 37_000],
  },
];

const TRUST_TEAMS: TeamSpec[] = [
  {
    path: ['Medicine', 'Acute Medical Unit'],
    size: 70,
    jobTitle: 'Staff Nurse',
    staffGroup: 'Nursing and Midwifery Registered',
    salary: [29_970, 36_483],
    shifts: true,
  },
  {
    path: ['Medicine', 'Ward 12 Respiratory'],
    size: 45,
    jobTitle: 'Healthcare Assistant',
    staffGroup: 'Additional Clinical Services',
    salary: [24_071, 25_674],
    shifts: true,
  },
  {
    path: ['Medicine', 'Ward 14 Elderly Care'],
    size: 50,
    jobTitle: 'Staff Nurse',
    staffGroup: 'Nursing and Midwifery Registered',
    salary: [29_970, 36_483],
    shifts: true,
  },
  {
    path: ['Medicine', 'Consultants'],
    size: 30,
    jobTitle: 'Consultant Physician',
    staffGroup: 'Medical and Dental',
    salary: [105_504, 139_882],
  },
  {
    path: ['Surgery', 'Theatres'],
    size: 60,
    jobTitle: 'Theatre Practitioner',
    staffGroup: 'Allied Health Professionals',
    salary: [29_970, 36_483],
    shifts: true,
  },
  {
    path: ['Surgery', 'Ward 5 Orthopaedics'],
    size: 45,
    jobTitle: 'Staff Nurse',
    staffGroup: 'Nursing and Midwifery Registered',
    salary: [29_970, 36_483],
    shifts: true,
  },
  {
    path: ["Women's and Children's", 'Maternity'],
    size: 55,
    jobTitle: 'Midwife',
    staffGroup: 'Nursing and Midwifery Registered',
    salary: [37_338, 44_962],
    shifts: true,
  },
  {
    path: ["Women's and Children's", 'Paediatrics'],
    size: 35,
    jobTitle: 'Children’s Nurse',
    staffGroup: 'Nursing and Midwifery Registered',
    salary: [29_970, 36_483],
    shifts: true,
  },
  {
    path: ['Clinical Support Services', 'Physiotherapy'],
    size: 30,
    jobTitle: 'Physiotherapist',
    staffGroup: 'Allied Health Professionals',
    salary: [37_338, 44_962],
  },
  {
    path: ['Clinical Support Services', 'Pathology'],
    size: 35,
    jobTitle: 'Biomedical Scientist',
    staffGroup: 'Healthcare Scientists',
    salary: [37_338, 44_962],
  },
  {
    path: ['Estates and Facilities', 'Domestic Services'],
    size: 60,
    jobTitle: 'Domestic Assistant',
    staffGroup: 'Estates and Ancillary',
    salary: [23_615, 24_071],
    shifts: true,
  },
  {
    path: ['Estates and Facilities', 'Portering'],
    size: 30,
    jobTitle: 'Porter',
    staffGroup: 'Estates and Ancillary',
    salary: [23_615, 24_071],
    shifts: true,
  },
  {
    path: ['Corporate Services', 'Workforce', 'HR Business Partners'],
    size: 20,
    jobTitle: 'HR Business Partner',
    staffGroup: 'Admin and Clerical',
    salary: [44_806, 53_134],
  },
  {
    path: ['Corporate Services', 'Health Records'],
    size: 40,
    jobTitle: 'Medical Secretary',
    staffGroup: 'Admin and Clerical',
    salary: [24_071, 26_530],
  },
];

const HOUSING_TEAMS: TeamSpec[] = [
  {
    path: ['Housing Services', 'Neighbourhoods', 'North Area'],
    size: 30,
    jobTitle: 'Housing Officer',
    staffGroup: 'Housing Management',
    salary: [27_000, 32_000],
  },
  {
    path: ['Housing Services', 'Neighbourhoods', 'South Area'],
    size: 28,
    jobTitle: 'Housing Officer',
    staffGroup: 'Housing Management',
    salary: [27_000, 32_000],
  },
  {
    path: ['Housing Services', 'Income'],
    size: 20,
    jobTitle: 'Income Officer',
    staffGroup: 'Housing Management',
    salary: [25_000, 29_000],
  },
  {
    path: ['Property Services', 'Repairs'],
    size: 60,
    jobTitle: 'Multi-trade Operative',
    staffGroup: 'Trades',
    salary: [26_000, 30_000],
  },
  {
    path: ['Property Services', 'Planned Works'],
    size: 20,
    jobTitle: 'Surveyor',
    staffGroup: 'Professional',
    salary: [33_000, 40_000],
  },
  {
    path: ['Corporate Services', 'People and Culture'],
    size: 10,
    jobTitle: 'People Adviser',
    staffGroup: 'Support Services',
    salary: [28_000, 34_000],
  },
  {
    path: ['Corporate Services', 'Customer Hub'],
    size: 25,
    jobTitle: 'Customer Adviser',
    staffGroup: 'Support Services',
    salary: [22_000, 24_500],
  },
];

const PRIVATE_TEAMS: TeamSpec[] = [
  {
    path: ['Operations', 'Fulfilment Centre', 'Day Shift'],
    size: 60,
    jobTitle: 'Warehouse Operative',
    staffGroup: 'Operations',
    salary: [23_000, 25_000],
  },
  {
    path: ['Operations', 'Fulfilment Centre', 'Night Shift'],
    size: 45,
    jobTitle: 'Warehouse Operative',
    staffGroup: 'Operations',
    salary: [25_000, 27_500],
    shifts: true,
  },
  {
    path: ['Customer Services', 'Contact Centre'],
    size: 45,
    jobTitle: 'Customer Service Adviser',
    staffGroup: 'Customer Services',
    salary: [22_500, 25_000],
  },
  {
    path: ['Commercial', 'Buying and Merchandising'],
    size: 20,
    jobTitle: 'Merchandiser',
    staffGroup: 'Head Office',
    salary: [30_000, 40_000],
  },
  {
    path: ['Central Functions', 'People'],
    size: 10,
    jobTitle: 'People Partner',
    staffGroup: 'Head Office',
    salary: [32_000, 42_000],
  },
  {
    path: ['Central Functions', 'Technology'],
    size: 20,
    jobTitle: 'Software Engineer',
    staffGroup: 'Head Office',
    salary: [45_000, 65_000],
  },
];

const POLICE_TEAMS: TeamSpec[] = [
  {
    path: ['Operations', 'Response', 'Team 1'],
    size: 35,
    jobTitle: 'Police Constable',
    staffGroup: 'Police Officer',
    salary: [30_000, 46_000],
    shifts: true,
  },
  {
    path: ['Operations', 'Response', 'Team 2'],
    size: 35,
    jobTitle: 'Police Constable',
    staffGroup: 'Police Officer',
    salary: [30_000, 46_000],
    shifts: true,
  },
  {
    path: ['Operations', 'Neighbourhood Policing'],
    size: 40,
    jobTitle: 'Police Community Support Officer',
    staffGroup: 'PCSO',
    salary: [26_000, 30_000],
    shifts: true,
  },
  {
    path: ['Crime', 'Criminal Investigation Department'],
    size: 35,
    jobTitle: 'Detective Constable',
    staffGroup: 'Police Officer',
    salary: [34_000, 48_000],
  },
  {
    path: ['Crime', 'Public Protection Unit'],
    size: 25,
    jobTitle: 'Detective Sergeant',
    staffGroup: 'Police Officer',
    salary: [48_000, 52_000],
  },
  {
    path: ['Contact Management', 'Force Control Room'],
    size: 40,
    jobTitle: 'Call Handler',
    staffGroup: 'Police Staff',
    salary: [25_000, 29_000],
    shifts: true,
  },
  {
    path: ['People Services', 'Occupational Health Unit'],
    size: 12,
    jobTitle: 'Occupational Health Nurse Adviser',
    staffGroup: 'Police Staff',
    salary: [38_000, 46_000],
  },
  {
    path: ['People Services', 'HR Services'],
    size: 15,
    jobTitle: 'HR Officer',
    staffGroup: 'Police Staff',
    salary: [28_000, 35_000],
  },
];

const SPECS: OrganisationSpec[] = [
  {
    slug: 'merrowby-council',
    name: 'Merrowby Metropolitan Borough Council',
    domain: 'merrowby.example',
    prefix: 'MBC',
    sector: 'local_government',
    fullTimeHours: 37,
    targetDaysPerFte: 10,
    onCostRate: 0.28,
    policyModel: 'person_centred',
    isLead: true,
    providesOccupationalHealth: false,
    chief: { jobTitle: 'Chief Executive', staffGroup: 'Professional', salary: 185_000 },
    directorTitle: 'Executive Director',
    managerTitle: 'Service Manager',
    managementGroup: 'Professional',
    teams: COUNCIL_TEAMS,
    sites: [
      { name: 'Merrowby Town Hall', address: 'Lord Street, Merrowby', postcode: 'MW1 1AA' },
      { name: 'Hawthorne Road Depot', address: 'Hawthorne Road, Merrowby', postcode: 'MW4 7DP' },
      { name: 'Crosshill Leisure Centre', address: 'Crosshill Lane, Merrowby', postcode: 'MW9 2LC' },
    ],
    agreement: {
      startDate: '2024-04-01',
      endDate: '2027-03-31',
      annualContributionGbp: 60_000,
      headcount: 700,
      marketingContact: {
        name: 'Rachel Ashworth',
        email: 'active.workforce@merrowby.example',
        phone: '0151 496 0101',
      },
    },
    hrTeam: 'Corporate Resources > Human Resources',
    managedTeam: 'Adult Social Care > Home Care > North Team',
    extraAccounts: [
      { role: 'programme_team', team: 'Corporate Resources > Active Workforce Programme' },
      { role: 'facilitator', team: 'Public Health > Health Improvement' },
      { role: 'partnership_admin', team: 'Corporate Resources > Active Workforce Programme' },
    ],
  },
  {
    slug: 'merrowby-nhs',
    name: 'Merrowby and District NHS Foundation Trust',
    domain: 'merrowby-nhs.example',
    prefix: 'NHS',
    sector: 'nhs',
    fullTimeHours: 37.5,
    targetDaysPerFte: 9.5,
    onCostRate: 0.3,
    policyModel: 'person_centred',
    isLead: false,
    providesOccupationalHealth: false,
    chief: { jobTitle: 'Chief Executive', staffGroup: 'Admin and Clerical', salary: 210_000 },
    directorTitle: 'Divisional Director',
    managerTitle: 'Matron',
    managementGroup: 'Nursing and Midwifery Registered',
    teams: TRUST_TEAMS,
    sites: [
      { name: 'Merrowby General Hospital', address: 'Hospital Way, Merrowby', postcode: 'MW2 3HG' },
      { name: 'Southfield Community Hospital', address: 'Southfield Road, Merrowby', postcode: 'MW7 5SC' },
    ],
    agreement: {
      startDate: '2023-04-01',
      endDate: '2026-12-31',
      annualContributionGbp: 45_000,
      headcount: 700,
      marketingContact: {
        name: 'Dr Funmi Adeyemi',
        email: 'staff.health@merrowby-nhs.example',
        phone: '0151 496 0202',
      },
    },
    hrTeam: 'Corporate Services > Workforce > HR Business Partners',
    managedTeam: 'Medicine > Ward 12 Respiratory',
    extraAccounts: [],
  },
  {
    slug: 'riverside-homes',
    name: 'Riverside Homes',
    domain: 'riverside-homes.example',
    prefix: 'RH',
    sector: 'housing',
    fullTimeHours: 36.25,
    targetDaysPerFte: 8,
    onCostRate: 0.25,
    policyModel: 'trigger_based',
    isLead: false,
    providesOccupationalHealth: false,
    chief: { jobTitle: 'Chief Executive', staffGroup: 'Support Services', salary: 150_000 },
    directorTitle: 'Director',
    managerTitle: 'Team Manager',
    managementGroup: 'Housing Management',
    teams: HOUSING_TEAMS,
    sites: [{ name: 'Riverside House', address: 'Quay Street, Merrowby', postcode: 'MW3 9RH' }],
    agreement: {
      startDate: '2025-01-01',
      endDate: null,
      annualContributionGbp: 12_500,
      headcount: 200,
      marketingContact: {
        name: 'Tom Fletcher',
        email: 'people@riverside-homes.example',
        phone: '0151 496 0303',
      },
    },
    hrTeam: 'Corporate Services > People and Culture',
    managedTeam: 'Property Services > Repairs',
    extraAccounts: [],
  },
  {
    slug: 'northfold-retail',
    name: 'Northfold Retail Ltd',
    domain: 'northfold.example',
    prefix: 'NR',
    sector: 'private',
    fullTimeHours: 37.5,
    targetDaysPerFte: 7,
    onCostRate: 0.22,
    policyModel: 'trigger_based',
    isLead: false,
    providesOccupationalHealth: false,
    chief: { jobTitle: 'Managing Director', staffGroup: 'Head Office', salary: 160_000 },
    directorTitle: 'Director',
    managerTitle: 'Operations Manager',
    managementGroup: 'Head Office',
    teams: PRIVATE_TEAMS,
    sites: [
      { name: 'Northfold Distribution Centre', address: 'Gateway Park, Merrowby', postcode: 'MW8 1NF' },
    ],
    agreement: {
      startDate: '2025-06-01',
      endDate: '2026-05-31',
      annualContributionGbp: 8_000,
      headcount: 200,
      marketingContact: { name: 'Sian Morgan', email: 'wellbeing@northfold.example', phone: '0151 496 0404' },
    },
    hrTeam: 'Central Functions > People',
    managedTeam: 'Customer Services > Contact Centre',
    extraAccounts: [],
  },
  {
    slug: 'fellshire-police',
    name: 'Fellshire Constabulary',
    domain: 'fellshire-police.example',
    prefix: 'FC',
    sector: 'police',
    fullTimeHours: 40,
    targetDaysPerFte: 9,
    onCostRate: 0.31,
    policyModel: 'person_centred',
    isLead: false,
    providesOccupationalHealth: true,
    chief: { jobTitle: 'Chief Constable', staffGroup: 'Police Officer', salary: 175_000 },
    directorTitle: 'Chief Superintendent',
    managerTitle: 'Inspector',
    managementGroup: 'Police Officer',
    teams: POLICE_TEAMS,
    sites: [
      {
        name: 'Fellshire Police Headquarters',
        address: 'Carleton Hall, Penrith Road, Fellshire',
        postcode: 'FL11 0QD',
      },
      {
        name: 'Occupational Health Unit',
        address: 'Carleton Hall, Penrith Road, Fellshire',
        postcode: 'FL11 0QD',
      },
    ],
    agreement: {
      startDate: '2024-04-01',
      endDate: '2027-03-31',
      annualContributionGbp: 7_500,
      headcount: 250,
      marketingContact: {
        name: 'Sgt Ian Holt',
        email: 'ohu@fellshire-police.example',
        phone: '01768 496 050',
      },
    },
    hrTeam: 'People Services > HR Services',
    managedTeam: 'Operations > Response > Team 1',
    extraAccounts: [
      { role: 'oh_clinician', team: 'People Services > Occupational Health Unit' },
      { role: 'oh_admin', team: 'People Services > Occupational Health Unit' },
    ],
  },
];

/** A start date spread over the last 20 years, weighted to recent ones. */
function startDate(r: Random): string {
  const yearsAgo = Math.floor(Math.pow(r.next(), 1.6) * 20);
  return iso(2026 - yearsAgo, r.int(1, 12), r.int(1, 28));
}

function buildOrganisation(spec: OrganisationSpec, r: Random): DemoOrganisation {
  const people: DemoPerson[] = [];
  const usedEmails = new Set<string>();
  let number = 0;
  const person = (
    unitPath: string[],
    jobTitle: string,
    staffGroup: string,
    manager: string | null,
    pattern: Pattern,
    salary: number | null,
    options: { start?: string; canLeave?: boolean } = {},
  ): DemoPerson => {
    number += 1;
    const firstName = r.pick(FIRST_NAMES);
    const lastName = r.pick(LAST_NAMES);
    let local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    let suffix = 1;
    while (usedEmails.has(local))
      local = `${firstName}.${lastName}${++suffix}`.toLowerCase().replace(/[^a-z0-9.]/g, '');
    usedEmails.add(local);
    const start = options.start ?? startDate(r);
    const leaves = options.canLeave !== false && r.chance(0.04);
    const end = leaves ? iso(r.pick([2024, 2025, 2026]), r.int(1, 10), r.int(1, 28)) : null;
    const created: DemoPerson = {
      employeeNumber: `${spec.prefix}${String(number).padStart(5, '0')}`,
      firstName,
      lastName,
      unitPath,
      startDate: start,
      endDate: end && end >= start ? end : null,
      email: `${local}@${spec.domain}`,
      jobTitle,
      staffGroup,
      managerEmployeeNumber: manager,
      weeklyHours: pattern.weeklyHours,
      hours: pattern.hours,
      worksBankHolidays: pattern.worksBankHolidays,
      annualSalary: salary,
    };
    people.push(created);
    return created;
  };

  const full = officePattern(spec.fullTimeHours);
  const chief = person(
    ['Chief Executive’s Office'],
    spec.chief.jobTitle,
    spec.chief.staffGroup,
    null,
    full,
    spec.chief.salary,
    {
      start: '2015-09-01',
      canLeave: false,
    },
  );
  const directors = new Map<string, DemoPerson>();
  const heads = new Map<string, DemoPerson>();
  const teamLeaders = new Map<string, DemoPerson>();
  for (const team of spec.teams) {
    const directorate = team.path[0] ?? 'Directorate';
    let director = directors.get(directorate);
    if (!director) {
      director = person(
        [directorate],
        `${spec.directorTitle}, ${directorate}`,
        spec.managementGroup,
        chief.employeeNumber,
        full,
        Math.round(95_000 + r.next() * 30_000),
        {
          canLeave: false,
        },
      );
      directors.set(directorate, director);
    }
    const servicePath = team.path.slice(0, 2);
    let head = heads.get(servicePath.join(' > '));
    if (!head) {
      head = person(
        servicePath,
        `Head of ${servicePath[1] ?? directorate}`,
        spec.managementGroup,
        director.employeeNumber,
        full,
        Math.round(60_000 + r.next() * 20_000),
        {
          canLeave: false,
        },
      );
      heads.set(servicePath.join(' > '), head);
    }
    const leader = person(
      team.path,
      `${spec.managerTitle}, ${team.path.at(-1) ?? ''}`,
      team.staffGroup,
      head.employeeNumber,
      full,
      Math.round(team.salary[1] * 1.25),
      {
        canLeave: false,
      },
    );
    teamLeaders.set(team.path.join(' > '), leader);
    for (let i = 0; i < team.size; i++) {
      const kind = r.next();
      const pattern =
        team.shifts && kind < 0.6
          ? shiftPattern(r, spec.fullTimeHours)
          : kind < 0.78
            ? full
            : partTimePattern(r, spec.fullTimeHours);
      const fte = pattern.weeklyHours / spec.fullTimeHours;
      const salary = r.chance(0.03)
        ? null
        : Math.round((team.salary[0] + r.next() * (team.salary[1] - team.salary[0])) * fte);
      person(team.path, team.jobTitle, team.staffGroup, leader.employeeNumber, pattern, salary);
    }
  }

  // Accounts: each role held by a real person, with the line manager leading a real team.
  const active = (path: string) =>
    people.filter(
      (p) => p.unitPath.join(' > ') === path && p.endDate === null && p !== teamLeaders.get(path),
    );
  const accounts: DemoAccount[] = [];
  const account = (role: Role, who: DemoPerson, roles: Role[] = [role]) => {
    const key = role.replace(/_/g, '-');
    accounts.push({
      email: `${key}@${spec.domain}`,
      password: `wellwork-demo-${key}-2026`,
      displayName: `${who.firstName} ${who.lastName}`,
      employeeNumber: who.employeeNumber,
      roles,
    });
  };
  const managed = teamLeaders.get(spec.managedTeam);
  const hrPeople = active(spec.hrTeam);
  const staff = active(spec.managedTeam).filter((p) => p.managerEmployeeNumber === managed?.employeeNumber);
  if (managed && hrPeople[0] && staff[0]) {
    account('employee', staff[0], ['employee']);
    account('line_manager', managed, ['employee', 'line_manager']);
    account('hr', hrPeople[0], ['employee', 'hr']);
    account('organisation_admin', hrPeople[1] ?? hrPeople[0], ['employee', 'organisation_admin']);
  }
  for (const extra of spec.extraAccounts) {
    const candidates = active(extra.team);
    const who = candidates[accounts.length % Math.max(candidates.length, 1)] ?? candidates[0];
    if (who) account(extra.role, who, ['employee', extra.role]);
  }

  return {
    slug: spec.slug,
    name: spec.name,
    sector: spec.sector,
    region: 'england-and-wales',
    fullTimeHours: spec.fullTimeHours,
    targetDaysPerFte: spec.targetDaysPerFte,
    onCostRate: spec.onCostRate,
    policyModel: spec.policyModel,
    isLead: spec.isLead,
    providesOccupationalHealth: spec.providesOccupationalHealth,
    agreement: spec.agreement,
    sites: spec.sites,
    people,
    accounts,
  };
}

export function demoPartnership(seed = 20261123): DemoPartnership {
  const r = generator(seed);
  return {
    partnership: { name: 'Merrowby Active Workforce Partnership', slug: 'merrowby-active-workforce' },
    organisations: SPECS.map((spec) => buildOrganisation(spec, r)),
  };
}

/**
 * What the demo partnership's five organisations look like: their units, posts, pay, working
 * patterns, sites, membership agreements and demo sign-ins. Modelled on the seeds: a
 * metropolitan council leading an Active Workforce partnership (seed 000) with a 10-day
 * target (seed 002), team-based facilitators (seed 001), a police force whose occupational
 * health unit serves the other partners (seed 003) and an NHS trust running the person-centred
 * wellbeing and attendance policy (seed 004). Every name, address and number is invented:
 * postcodes use areas that do not exist, phone numbers Ofcom's ranges kept for drama.
 */
import type { Role } from '../../domain/roles.ts';
import type { DemoOrganisation } from './demo-partnership.ts';

/** A post: its title, staff group, pay points (the lowest first) and, for shift work, the shift length. */
export interface Post {
  jobTitle: string;
  staffGroup: string;
  pay: readonly number[];
  /** Hours of one shift on a seven-day rota that works bank holidays; none for office hours. */
  rota?: number;
}

/** Posts of the same kind within a team. */
export interface TeamRole extends Post {
  count: number;
  /** The share of people in this post who work part time. */
  partTime: number;
}

export interface TeamSpec {
  path: readonly string[];
  leader: Post;
  /** Supervisors between the team leader and the team, each with about `span` people. */
  supervisor?: Post & { span: number };
  roles: readonly TeamRole[];
}

/** Where a demo sign-in's person is found. `report` is someone the preceding line manager manages. */
export interface AccountSpec {
  role: Role;
  local: string;
  team: string;
  post: 'leader' | 'supervisor' | 'member' | 'report';
  jobTitle?: string;
}

export interface OrganisationSpec {
  slug: string;
  name: string;
  domain: string;
  employeeNumbers: { prefix: string; first: number; digits: number };
  sector: DemoOrganisation['sector'];
  region: DemoOrganisation['region'];
  fullTimeHours: number;
  targetDaysPerFte: number;
  onCostRate: number;
  policyModel: DemoOrganisation['policyModel'];
  /** Units that follow another attendance policy than the organisation's, with those below them. */
  unitPolicies?: DemoOrganisation['unitPolicies'];
  isLead: boolean;
  providesOccupationalHealth: boolean;
  executive: { path: readonly string[]; post: Post; support: readonly TeamRole[] };
  /** The unit a directorate's director sits in, below the directorate. */
  leadershipUnit: string;
  director: (directorate: string) => Post;
  /** The manager of a unit between the directorate and the teams (a service, a sector). */
  head: (path: readonly string[]) => Post;
  teams: readonly TeamSpec[];
  sites: DemoOrganisation['sites'];
  agreement: {
    startDate: string;
    endDate: string | null;
    annualContributionGbp: number;
    contact: { team: string; post: 'leader' | 'member'; jobTitle?: string; phone: string };
  };
  accounts: readonly AccountSpec[];
}

export const FIRST_NAMES = (
  'Olivia Amelia Isla Ava Mia Grace Freya Lily Sophie Emily Chloe Ella Evie Poppy Ruby Jessica Lucy ' +
  'Holly Hannah Megan Charlotte Rebecca Laura Sarah Emma Gemma Kirsty Nicola Claire Karen Susan Janet ' +
  'Julie Tracey Joanne Alison Helen Catherine Elizabeth Margaret Patricia Linda Deborah Michelle ' +
  'Niamh Siobhan Aoife Ciara Rhian Bethan Cerys Ffion Eilidh Morag Aisha Priya Zara Fatima Ayesha ' +
  'Sana Amina Nadia Anjali Kiran Mei Ling Agnieszka Katarzyna Magdalena Maria Chidinma Yetunde Abena ' +
  'Grace Funmilayo Noah Oliver George Harry Jack Jacob Leo Oscar Charlie Thomas William James Joshua ' +
  'Samuel Daniel Matthew Luke Ryan Liam Connor Callum Declan Ciaran Rhys Gareth Dafydd Owain Iain ' +
  'Stuart Hamish Paul Mark David Andrew Steven Michael Ian Gary Lee Wayne Darren Craig Neil Simon ' +
  'Richard Peter John Robert Christopher Anthony Kevin Muhammad Mohammed Arjun Ravi Sanjay Imran Hamza ' +
  'Bilal Tariq Adebayo Kwame Emeka Tunde Tomasz Piotr Marek Wei Jun Alex Sam Jordan'
).split(' ');

export const LAST_NAMES = (
  'Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White ' +
  'Roberts Green Hall Wood Jackson Clarke Hughes Edwards Turner Hill Moore Cooper Ward Morris King ' +
  'Watson Harris Baker Lee Allen Young Mitchell Scott Phillips Parker Bennett Carter Shaw Lloyd Price ' +
  'Lewis Morgan Griffiths Rees Owen Jenkins Powell Pritchard Harrison Marshall Gibson Kennedy Fletcher ' +
  'Holt Ashworth Greenwood Whittaker Hargreaves Sutcliffe Dixon Barker Rowe Fox Lawson Ellis Mason ' +
  "Murphy O'Brien Byrne Doyle Gallagher McCarthy Quinn Kelly MacLeod Campbell Stewart Fraser Reid " +
  'Patel Khan Ahmed Hussain Begum Ali Singh Kaur Sharma Shah Chowdhury Iqbal Mahmood Akhtar Okafor ' +
  'Adeyemi Mensah Owusu Boateng Okonkwo Babatunde Nowak Kowalski Wisniewski Lewandowska Chen Wong ' +
  'Li Zhang Nguyen Santos Silva Costa Ferreira Rossi'
).split(' ');

// Pay points, lowest first. NHS posts follow Agenda for Change bands and the medical pay
// scales; council posts the national joint council's spinal points grouped into grades; police
// officers the Police Remuneration Review Body's scales; everything else typical market pay.
const AFC = {
  band2: [24_465],
  band3: [24_937, 26_598],
  band4: [27_485, 30_162],
  band5: [31_049, 33_487, 37_796],
  band6: [38_682, 40_823, 46_580],
  band7: [47_810, 50_273, 54_710],
  band8a: [55_690, 62_682],
  band8b: [64_455, 75_518],
  band8c: [77_781, 89_666],
  band8d: [92_001, 106_228],
  band9: [110_826, 127_442],
  specialtyDoctor: [52_530, 58_898, 65_270, 72_570, 82_400],
  consultant: [109_725, 116_927, 124_130, 131_333, 145_478],
} as const;

const NJC = {
  grade2: [25_185, 25_584],
  grade3: [25_584, 25_989, 26_409],
  grade4: [26_835, 27_269, 27_711, 28_163],
  grade5: [28_624, 29_093, 29_572, 30_060],
  grade6: [31_067, 31_586, 32_115, 32_654],
  grade7: [34_314, 35_235, 36_124, 37_035],
  grade8: [38_626, 39_513, 40_476, 41_511],
  grade9: [42_708, 43_693, 44_711, 45_718],
  grade10: [46_731, 47_754, 48_710, 49_764],
  grade11: [53_000, 56_500, 60_000, 63_500],
  grade12: [68_000, 72_500, 77_000, 81_500],
  director: [112_000, 119_000, 126_000],
} as const;

const POLICE = {
  constable: [29_907, 31_017, 32_122, 33_256, 35_343, 40_854, 49_826],
  sergeant: [51_885, 52_978, 54_079, 55_440],
  inspector: [61_527, 63_558, 66_040],
  chiefInspector: [67_620, 69_003, 70_410],
  superintendent: [86_205, 90_087, 95_009, 101_232],
  chiefSuperintendent: [107_622, 110_934],
  pcso: [28_302, 29_487, 31_002, 32_301],
  staff3: [24_531, 25_314, 26_097],
  staff4: [26_820, 27_702, 28_614],
  staff5: [29_412, 30_507, 31_623],
  staff6: [32_811, 34_038, 35_307],
  staff7: [36_504, 38_019, 39_612],
  staff8: [41_004, 43_017, 45_021],
  staff9: [47_013, 49_527, 52_011],
  staff10: [55_008, 58_503, 62_001],
  staff11: [78_000, 84_000, 90_000],
} as const;

const post = (jobTitle: string, staffGroup: string, pay: readonly number[], rota?: number): Post =>
  rota === undefined ? { jobTitle, staffGroup, pay } : { jobTitle, staffGroup, pay, rota };

const role = (
  count: number,
  jobTitle: string,
  staffGroup: string,
  pay: readonly number[],
  options: { rota?: number; partTime?: number } = {},
): TeamRole => ({
  ...post(jobTitle, staffGroup, pay, options.rota),
  count,
  partTime: options.partTime ?? 0.15,
});

const team = (
  path: string,
  leader: Post,
  roles: readonly TeamRole[],
  supervisor?: Post & { span: number },
): TeamSpec => ({ path: path.split(' > '), leader, roles, ...(supervisor ? { supervisor } : {}) });

const lastLevel = (path: readonly string[]) => path[path.length - 1] ?? '';

// ---------------------------------------------------------------------------------------------
// Merrowby Metropolitan Borough Council: 37 hours, a target of 10 days per FTE (seed 002).

const SC = 'Social Care';
const PRO = 'Professional';
const MAN = 'Manual';
const ADM = 'Admin';

const COUNCIL_TEAMS: TeamSpec[] = [
  team(
    'Adult Social Care > Home Care > North Team',
    post('Home Care Team Manager', SC, NJC.grade8),
    [role(40, 'Home Care Worker', SC, NJC.grade3, { rota: 7.4, partTime: 0.45 })],
    { ...post('Senior Home Care Worker', SC, NJC.grade5, 7.4), span: 8 },
  ),
  team(
    'Adult Social Care > Home Care > South Team',
    post('Home Care Team Manager', SC, NJC.grade8),
    [role(38, 'Home Care Worker', SC, NJC.grade3, { rota: 7.4, partTime: 0.45 })],
    { ...post('Senior Home Care Worker', SC, NJC.grade5, 7.4), span: 8 },
  ),
  team('Adult Social Care > Home Care > Reablement', post('Reablement Manager', SC, NJC.grade8), [
    role(22, 'Reablement Support Worker', SC, NJC.grade4, { rota: 7.4, partTime: 0.3 }),
    role(3, 'Occupational Therapist', PRO, NJC.grade7),
  ]),
  team(
    'Adult Social Care > Assessment and Care Management > Locality East',
    post('Social Work Team Manager', PRO, NJC.grade10),
    [
      role(14, 'Social Worker', PRO, NJC.grade7, { partTime: 0.2 }),
      role(6, 'Social Care Assessor', SC, NJC.grade5),
      role(2, 'Team Administrator', ADM, NJC.grade3, { partTime: 0.4 }),
    ],
  ),
  team(
    'Adult Social Care > Assessment and Care Management > Locality West',
    post('Social Work Team Manager', PRO, NJC.grade10),
    [
      role(13, 'Social Worker', PRO, NJC.grade7, { partTime: 0.2 }),
      role(6, 'Social Care Assessor', SC, NJC.grade5),
      role(2, 'Team Administrator', ADM, NJC.grade3, { partTime: 0.4 }),
    ],
  ),
  team(
    'Adult Social Care > Day Services > Crosshill Day Centre',
    post('Day Centre Manager', SC, NJC.grade8),
    [
      role(14, 'Day Services Officer', SC, NJC.grade4, { partTime: 0.3 }),
      role(4, 'Minibus Driver', MAN, NJC.grade3, { partTime: 0.5 }),
    ],
  ),
  team('Adult Social Care > Safeguarding Adults', post('Safeguarding Adults Manager', PRO, NJC.grade10), [
    role(9, 'Safeguarding Practitioner', PRO, NJC.grade8),
  ]),
  team(
    "Children's Services > Children and Families > Assessment Team",
    post('Social Work Team Manager', PRO, NJC.grade10),
    [
      role(18, 'Social Worker', PRO, NJC.grade8, { partTime: 0.15 }),
      role(4, 'Family Support Worker', SC, NJC.grade5),
    ],
  ),
  team(
    "Children's Services > Children and Families > Looked After Children",
    post('Social Work Team Manager', PRO, NJC.grade10),
    [
      role(15, 'Social Worker', PRO, NJC.grade8, { partTime: 0.15 }),
      role(3, 'Personal Adviser', SC, NJC.grade6),
    ],
  ),
  team(
    "Children's Services > Children and Families > Residential Care",
    post('Registered Manager', SC, NJC.grade9),
    [role(20, 'Residential Child Care Worker', SC, NJC.grade5, { rota: 9.25, partTime: 0.2 })],
  ),
  team("Children's Services > Early Help > Family Hubs", post('Family Hub Manager', SC, NJC.grade9), [
    role(24, 'Family Support Worker', SC, NJC.grade5, { partTime: 0.35 }),
  ]),
  team(
    "Children's Services > Education > School Improvement",
    post('School Improvement Lead', PRO, NJC.grade11),
    [role(10, 'School Improvement Adviser', PRO, NJC.grade10, { partTime: 0.2 })],
  ),
  team(
    "Children's Services > Education > Special Educational Needs",
    post('SEND Team Manager', PRO, NJC.grade9),
    [
      role(12, 'SEND Caseworker', PRO, NJC.grade6),
      role(4, 'SEND Administrator', ADM, NJC.grade3, { partTime: 0.4 }),
    ],
  ),
  team(
    'Place > Waste and Recycling > Collections',
    post('Collections Manager', MAN, NJC.grade9),
    [role(36, 'Refuse Loader', MAN, NJC.grade2, { partTime: 0.02 }), role(14, 'HGV Driver', MAN, NJC.grade4)],
    { ...post('Refuse Collection Supervisor', MAN, NJC.grade5), span: 12 },
  ),
  team('Place > Waste and Recycling > Street Cleansing', post('Street Scene Manager', MAN, NJC.grade8), [
    role(24, 'Street Cleansing Operative', MAN, NJC.grade2, { partTime: 0.05 }),
  ]),
  team('Place > Highways > Highways Maintenance', post('Highways Maintenance Manager', PRO, NJC.grade9), [
    role(14, 'Highways Operative', MAN, NJC.grade3),
    role(5, 'Highways Engineer', PRO, NJC.grade7),
  ]),
  team('Place > Highways > Street Lighting', post('Street Lighting Engineer', PRO, NJC.grade8), [
    role(8, 'Street Lighting Electrician', MAN, NJC.grade5),
  ]),
  team('Place > Parks and Leisure > Leisure Centres', post('Leisure Centre Manager', MAN, NJC.grade8), [
    role(24, 'Leisure Assistant', MAN, NJC.grade2, { rota: 7.4, partTime: 0.45 }),
    role(8, 'Fitness Instructor', MAN, NJC.grade3, { rota: 7.4, partTime: 0.3 }),
  ]),
  team('Place > Parks and Leisure > Parks and Green Spaces', post('Parks Manager', MAN, NJC.grade8), [
    role(18, 'Gardener', MAN, NJC.grade3, { partTime: 0.05 }),
  ]),
  team(
    'Place > Sport and Recreation > Active Workforce Programme',
    post('Active Workforce Manager', PRO, NJC.grade9),
    [role(4, 'Active Workforce Officer', PRO, NJC.grade6, { partTime: 0 })],
  ),
  team(
    'Place > Sport and Recreation > Sports Development',
    post('Sports Development Manager', PRO, NJC.grade8),
    [role(9, 'Sports Development Officer', PRO, NJC.grade5, { partTime: 0.3 })],
  ),
  team(
    'Place > Planning and Building Control > Development Management',
    post('Development Manager', PRO, NJC.grade10),
    [role(12, 'Planning Officer', PRO, NJC.grade7), role(3, 'Planning Technician', ADM, NJC.grade4)],
  ),
  team(
    'Place > Planning and Building Control > Building Control',
    post('Building Control Manager', PRO, NJC.grade9),
    [role(8, 'Building Control Surveyor', PRO, NJC.grade8)],
  ),
  team(
    'Corporate Resources > Human Resources > HR Business Partners',
    post('HR Business Partner Lead', PRO, NJC.grade11),
    [role(6, 'HR Business Partner', PRO, NJC.grade9, { partTime: 0.1 })],
  ),
  team('Corporate Resources > Human Resources > HR Delivery', post('HR Delivery Manager', PRO, NJC.grade9), [
    role(8, 'HR Adviser', ADM, NJC.grade6, { partTime: 0.25 }),
    role(2, 'HR Systems Officer', ADM, NJC.grade6, { partTime: 0 }),
    role(4, 'HR Assistant', ADM, NJC.grade3, { partTime: 0.3 }),
  ]),
  team(
    'Corporate Resources > Human Resources > Health and Safety',
    post('Health and Safety Manager', PRO, NJC.grade10),
    [role(5, 'Health and Safety Adviser', PRO, NJC.grade7)],
  ),
  team('Corporate Resources > Finance > Accountancy', post('Chief Accountant', PRO, NJC.grade11), [
    role(8, 'Accountant', PRO, NJC.grade7),
    role(8, 'Finance Officer', ADM, NJC.grade5, { partTime: 0.25 }),
  ]),
  team(
    'Corporate Resources > Finance > Revenues and Benefits',
    post('Revenues and Benefits Manager', PRO, NJC.grade9),
    [role(24, 'Benefits Assessor', ADM, NJC.grade4, { partTime: 0.3 })],
  ),
  team(
    'Corporate Resources > Customer Contact > Contact Centre',
    post('Contact Centre Manager', ADM, NJC.grade8),
    [role(34, 'Customer Services Adviser', ADM, NJC.grade3, { partTime: 0.4 })],
    { ...post('Contact Centre Team Leader', ADM, NJC.grade5), span: 10 },
  ),
  team('Corporate Resources > ICT > Service Desk', post('Service Desk Manager', PRO, NJC.grade8), [
    role(12, 'ICT Support Analyst', PRO, NJC.grade5),
  ]),
  team('Corporate Resources > ICT > Infrastructure', post('Infrastructure Manager', PRO, NJC.grade10), [
    role(8, 'Network Engineer', PRO, NJC.grade7),
  ]),
  team(
    'Corporate Resources > Legal and Democratic Services > Legal Services',
    post('Principal Solicitor', PRO, NJC.grade11),
    [role(10, 'Solicitor', PRO, NJC.grade9, { partTime: 0.2 }), role(4, 'Legal Assistant', ADM, NJC.grade4)],
  ),
  team(
    'Corporate Resources > Legal and Democratic Services > Democratic Services',
    post('Democratic Services Manager', PRO, NJC.grade9),
    [role(8, 'Democratic Services Officer', ADM, NJC.grade5, { partTime: 0.2 })],
  ),
  team('Public Health > Health Improvement', post('Health Improvement Manager', PRO, NJC.grade10), [
    role(12, 'Health Improvement Practitioner', PRO, NJC.grade6, { partTime: 0.3 }),
  ]),
  team(
    'Public Health > Public Health Intelligence',
    post('Public Health Intelligence Lead', PRO, NJC.grade10),
    [role(5, 'Public Health Analyst', PRO, NJC.grade7, { partTime: 0.2 })],
  ),
];

const COUNCIL: OrganisationSpec = {
  slug: 'merrowby-council',
  name: 'Merrowby Metropolitan Borough Council',
  domain: 'merrowby.example',
  employeeNumbers: { prefix: 'C', first: 100_120, digits: 6 },
  sector: 'local_government',
  region: 'england-and-wales',
  fullTimeHours: 37,
  targetDaysPerFte: 10,
  onCostRate: 0.28,
  policyModel: 'person_centred',
  // Place still follows the trigger-based policy the council had before, so that the two can be
  // compared on the same measures (the policy comparison page).
  unitPolicies: [{ path: 'Place', policyModel: 'trigger_based' }],
  isLead: true,
  providesOccupationalHealth: false,
  executive: {
    path: ["Chief Executive's Office", 'Executive Office'],
    post: post('Chief Executive', PRO, [186_000]),
    support: [role(3, 'Executive Assistant', ADM, NJC.grade6, { partTime: 0 })],
  },
  leadershipUnit: 'Directorate Management Team',
  director: (directorate) => post(`Director of ${directorate}`, PRO, NJC.director),
  head: (path) => post(`Head of ${lastLevel(path)}`, PRO, NJC.grade12),
  teams: COUNCIL_TEAMS,
  sites: [
    { name: 'Merrowby Town Hall', address: '1 Lord Street, Merrowby', postcode: 'MW1 1AA' },
    { name: 'Hawthorne Road Depot', address: '44 Hawthorne Road, Bramwell, Merrowby', postcode: 'MW4 7DP' },
    { name: 'Crosshill Leisure Centre', address: 'Crosshill Lane, Crosshill, Merrowby', postcode: 'MW9 2LC' },
    { name: 'Magdalen House', address: '30 Trinity Road, Merrowby', postcode: 'MW2 3QE' },
  ],
  agreement: {
    startDate: '2024-04-01',
    endDate: '2027-03-31',
    annualContributionGbp: 60_000,
    contact: {
      team: 'Place > Sport and Recreation > Active Workforce Programme',
      post: 'leader',
      phone: '0151 496 0101',
    },
  },
  accounts: [
    {
      role: 'line_manager',
      local: 'line.manager',
      team: 'Adult Social Care > Home Care > North Team',
      post: 'supervisor',
    },
    {
      role: 'employee',
      local: 'colleague',
      team: 'Adult Social Care > Home Care > North Team',
      post: 'report',
    },
    {
      role: 'hr',
      local: 'hr',
      team: 'Corporate Resources > Human Resources > HR Business Partners',
      post: 'member',
    },
    {
      role: 'organisation_admin',
      local: 'org.admin',
      team: 'Corporate Resources > Human Resources > HR Delivery',
      post: 'member',
      jobTitle: 'HR Systems Officer',
    },
    {
      role: 'programme_team',
      local: 'programme.team',
      team: 'Place > Sport and Recreation > Active Workforce Programme',
      post: 'member',
    },
    {
      role: 'facilitator',
      local: 'team.facilitator',
      team: "Children's Services > Children and Families > Assessment Team",
      post: 'member',
      jobTitle: 'Social Worker',
    },
    {
      role: 'partnership_admin',
      local: 'partnership.admin',
      team: 'Place > Sport and Recreation > Active Workforce Programme',
      post: 'leader',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Merrowby and District NHS Foundation Trust: 37.5 hours, wards on long days and nights.

const NMR = 'Nursing and Midwifery Registered';
const ACS = 'Additional Clinical Services';
const AHP = 'Allied Health Professionals';
const MED = 'Medical and Dental';
const HCS = 'Healthcare Scientists';
const APST = 'Additional Professional Scientific and Technical';
const AAC = 'Admin and Clerical';
const EA = 'Estates and Ancillary';

const wardManager = post('Ward Manager', NMR, AFC.band7);
const ward = (path: string, nurses: number, assistants: number) =>
  team(path, wardManager, [
    role(nurses, 'Staff Nurse', NMR, AFC.band5, { rota: 12.5, partTime: 0.3 }),
    role(assistants, 'Healthcare Assistant', ACS, AFC.band3, { rota: 12.5, partTime: 0.35 }),
    role(1, 'Ward Clerk', AAC, AFC.band2, { partTime: 0.5 }),
  ]);

const TRUST_TEAMS: TeamSpec[] = [
  team(
    'Medicine > Emergency Care > Emergency Department',
    post('Emergency Department Manager', NMR, AFC.band8a),
    [
      role(30, 'Staff Nurse', NMR, AFC.band5, { rota: 12.5, partTime: 0.25 }),
      role(14, 'Healthcare Assistant', ACS, AFC.band3, { rota: 12.5, partTime: 0.3 }),
      role(6, 'Emergency Department Receptionist', AAC, AFC.band2, { rota: 7.5, partTime: 0.4 }),
    ],
    { ...post('Sister / Charge Nurse', NMR, AFC.band6, 12.5), span: 11 },
  ),
  team('Medicine > Emergency Care > Emergency Medicine Doctors', post('Clinical Lead', MED, AFC.consultant), [
    role(8, 'Consultant in Emergency Medicine', MED, AFC.consultant, { rota: 12.5, partTime: 0.1 }),
    role(10, 'Specialty Doctor', MED, AFC.specialtyDoctor, { rota: 12.5, partTime: 0.1 }),
  ]),
  ward('Medicine > Acute Medicine > Acute Medical Unit', 26, 14),
  ward('Medicine > Respiratory > Ward 12', 18, 12),
  ward('Medicine > Elderly Care > Ward 14', 18, 14),
  ward('Medicine > Elderly Care > Ward 15', 16, 12),
  team(
    'Medicine > Medical Staffing > Consultant Physicians',
    post('Clinical Director', MED, AFC.consultant),
    [role(18, 'Consultant Physician', MED, AFC.consultant, { partTime: 0.15 })],
  ),
  team('Surgery > Theatres and Anaesthetics > Main Theatres', post('Theatre Manager', NMR, AFC.band8a), [
    role(18, 'Theatre Nurse', NMR, AFC.band5, { rota: 10, partTime: 0.2 }),
    role(16, 'Operating Department Practitioner', AHP, AFC.band5, { rota: 10, partTime: 0.15 }),
    role(8, 'Theatre Support Worker', ACS, AFC.band3, { rota: 10, partTime: 0.2 }),
  ]),
  ward('Surgery > Trauma and Orthopaedics > Ward 5', 18, 10),
  ward('Surgery > General Surgery > Ward 7', 18, 10),
  team('Surgery > Surgical Staffing > Consultant Surgeons', post('Clinical Director', MED, AFC.consultant), [
    role(14, 'Consultant Surgeon', MED, AFC.consultant, { partTime: 0.05 }),
  ]),
  team(
    "Women's and Children's > Maternity > Delivery Suite",
    post('Delivery Suite Manager', NMR, AFC.band8a),
    [
      role(24, 'Midwife', NMR, AFC.band6, { rota: 12.5, partTime: 0.35 }),
      role(8, 'Maternity Support Worker', ACS, AFC.band3, { rota: 12.5, partTime: 0.3 }),
    ],
  ),
  team(
    "Women's and Children's > Maternity > Community Midwifery",
    post('Community Midwifery Manager', NMR, AFC.band7),
    [role(16, 'Community Midwife', NMR, AFC.band6, { partTime: 0.35 })],
  ),
  ward("Women's and Children's > Paediatrics > Children's Ward", 18, 6),
  team(
    'Clinical Support Services > Therapies > Physiotherapy',
    post('Physiotherapy Manager', AHP, AFC.band8a),
    [
      role(14, 'Physiotherapist', AHP, AFC.band6, { partTime: 0.3 }),
      role(5, 'Physiotherapy Assistant', ACS, AFC.band3, { partTime: 0.3 }),
    ],
  ),
  team(
    'Clinical Support Services > Therapies > Occupational Therapy',
    post('Occupational Therapy Manager', AHP, AFC.band8a),
    [role(11, 'Occupational Therapist', AHP, AFC.band6, { partTime: 0.3 })],
  ),
  team(
    'Clinical Support Services > Pathology > Blood Sciences',
    post('Laboratory Manager', HCS, AFC.band8b),
    [
      role(14, 'Biomedical Scientist', HCS, AFC.band6, { rota: 10, partTime: 0.15 }),
      role(6, 'Medical Laboratory Assistant', APST, AFC.band3, { rota: 10, partTime: 0.2 }),
    ],
  ),
  team(
    'Clinical Support Services > Radiology > Diagnostic Imaging',
    post('Imaging Services Manager', AHP, AFC.band8a),
    [
      role(16, 'Diagnostic Radiographer', AHP, AFC.band6, { rota: 10, partTime: 0.2 }),
      role(4, 'Imaging Assistant', ACS, AFC.band3),
    ],
  ),
  team(
    'Clinical Support Services > Pharmacy > Hospital Pharmacy',
    post('Chief Pharmacist', APST, AFC.band8d),
    [
      role(7, 'Pharmacist', APST, AFC.band7, { partTime: 0.2 }),
      role(8, 'Pharmacy Technician', APST, AFC.band5, { partTime: 0.2 }),
    ],
  ),
  team(
    'Estates and Facilities > Facilities > Domestic Services',
    post('Domestic Services Manager', EA, AFC.band6),
    [role(32, 'Domestic Assistant', EA, AFC.band2, { rota: 7.5, partTime: 0.5 })],
    { ...post('Domestic Supervisor', EA, AFC.band3, 7.5), span: 13 },
  ),
  team('Estates and Facilities > Facilities > Portering', post('Portering Manager', EA, AFC.band4), [
    role(20, 'Porter', EA, AFC.band2, { rota: 10, partTime: 0.15 }),
  ]),
  team('Estates and Facilities > Facilities > Catering', post('Catering Manager', EA, AFC.band5), [
    role(14, 'Catering Assistant', EA, AFC.band2, { rota: 7.5, partTime: 0.45 }),
  ]),
  team('Estates and Facilities > Estates > Maintenance', post('Estates Maintenance Manager', EA, AFC.band7), [
    role(12, 'Maintenance Technician', EA, AFC.band4),
  ]),
  team(
    'Corporate Services > Workforce > HR Business Partners',
    post('Head of HR Business Partnering', AAC, AFC.band8b),
    [role(6, 'HR Business Partner', AAC, AFC.band7)],
  ),
  team(
    'Corporate Services > Workforce > Employee Relations',
    post('Employee Relations Manager', AAC, AFC.band8a),
    [
      role(6, 'HR Adviser', AAC, AFC.band5, { partTime: 0.2 }),
      role(2, 'Workforce Systems Officer', AAC, AFC.band5, { partTime: 0 }),
      role(4, 'HR Assistant', AAC, AFC.band3, { partTime: 0.3 }),
    ],
  ),
  team(
    'Corporate Services > Workforce > Staff Health and Wellbeing',
    post('Staff Wellbeing Lead', AAC, AFC.band7),
    [role(6, 'Wellbeing Practitioner', AAC, AFC.band5, { partTime: 0.3 })],
  ),
  team(
    'Corporate Services > Health Records > Medical Secretaries',
    post('Medical Secretaries Manager', AAC, AFC.band5),
    [role(22, 'Medical Secretary', AAC, AFC.band4, { partTime: 0.35 })],
  ),
  team(
    'Corporate Services > Finance > Financial Management',
    post('Head of Financial Management', AAC, AFC.band8c),
    [role(10, 'Management Accountant', AAC, AFC.band6)],
  ),
  team(
    'Corporate Services > Digital Services > IT Service Desk',
    post('IT Service Desk Manager', AAC, AFC.band6),
    [role(12, 'IT Service Desk Analyst', AAC, AFC.band4, { rota: 10, partTime: 0.1 })],
  ),
];

const TRUST: OrganisationSpec = {
  slug: 'merrowby-nhs',
  name: 'Merrowby and District NHS Foundation Trust',
  domain: 'merrowby-nhs.example',
  employeeNumbers: { prefix: '', first: 30_104_000, digits: 8 },
  sector: 'nhs',
  region: 'england-and-wales',
  fullTimeHours: 37.5,
  targetDaysPerFte: 9.5,
  onCostRate: 0.3,
  policyModel: 'person_centred',
  isLead: false,
  providesOccupationalHealth: false,
  executive: {
    path: ['Trust Headquarters', 'Executive Office'],
    post: post('Chief Executive', AAC, [224_000]),
    support: [role(3, 'Executive Assistant', AAC, AFC.band5, { partTime: 0 })],
  },
  leadershipUnit: 'Divisional Management Team',
  director: (directorate) =>
    directorate === 'Corporate Services'
      ? post('Director of Corporate Services', AAC, AFC.band9)
      : post(`Divisional Director, ${directorate}`, AAC, AFC.band9),
  head: (path) =>
    path[0] === 'Corporate Services' || path[0] === 'Estates and Facilities'
      ? post(`Head of ${lastLevel(path)}`, AAC, AFC.band8c)
      : post(`General Manager, ${lastLevel(path)}`, AAC, AFC.band8b),
  teams: TRUST_TEAMS,
  sites: [
    { name: 'Merrowby General Hospital', address: 'Hospital Way, Merrowby', postcode: 'MW2 3HG' },
    {
      name: 'Southfield Community Hospital',
      address: '12 Southfield Road, Southfield, Merrowby',
      postcode: 'MW7 5SC',
    },
    { name: 'Linacre Support Services Building', address: 'Linacre Lane, Merrowby', postcode: 'MW2 6LS' },
  ],
  agreement: {
    startDate: '2022-04-01',
    endDate: '2027-03-31',
    annualContributionGbp: 45_000,
    contact: {
      team: 'Corporate Services > Workforce > Staff Health and Wellbeing',
      post: 'leader',
      phone: '0151 496 0202',
    },
  },
  accounts: [
    { role: 'line_manager', local: 'line.manager', team: 'Medicine > Respiratory > Ward 12', post: 'leader' },
    { role: 'employee', local: 'colleague', team: 'Medicine > Respiratory > Ward 12', post: 'report' },
    {
      role: 'hr',
      local: 'hr',
      team: 'Corporate Services > Workforce > HR Business Partners',
      post: 'member',
    },
    {
      role: 'organisation_admin',
      local: 'org.admin',
      team: 'Corporate Services > Workforce > Employee Relations',
      post: 'member',
      jobTitle: 'Workforce Systems Officer',
    },
    {
      role: 'facilitator',
      local: 'team.facilitator',
      team: 'Clinical Support Services > Therapies > Physiotherapy',
      post: 'member',
      jobTitle: 'Physiotherapist',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Riverside Homes: a housing association on 36 hours, still on a trigger policy.

const HM = 'Housing Management';
const TR = 'Trades';
const CS = 'Care and Support';
const SS = 'Support Services';
const HPRO = 'Professional';
const HOUSING_PAY = {
  level1: [22_800, 23_600],
  level2: [24_300, 25_500, 26_700],
  level3: [27_600, 29_100, 30_600],
  level4: [31_500, 33_400, 35_200],
  level5: [36_800, 39_000, 41_200],
  level6: [44_000, 47_500, 51_000],
  level7: [58_000, 63_000, 68_000],
  director: [98_000, 104_000],
} as const;

const HOUSING_TEAMS: TeamSpec[] = [
  team(
    'Housing Services > Neighbourhoods > North Area',
    post('Neighbourhood Manager', HM, HOUSING_PAY.level5),
    [
      role(14, 'Neighbourhood Officer', HM, HOUSING_PAY.level3, { partTime: 0.2 }),
      role(3, 'Estate Caretaker', TR, HOUSING_PAY.level1),
    ],
  ),
  team(
    'Housing Services > Neighbourhoods > South Area',
    post('Neighbourhood Manager', HM, HOUSING_PAY.level5),
    [
      role(13, 'Neighbourhood Officer', HM, HOUSING_PAY.level3, { partTime: 0.2 }),
      role(3, 'Estate Caretaker', TR, HOUSING_PAY.level1),
    ],
  ),
  team('Housing Services > Income Management', post('Income Manager', HM, HOUSING_PAY.level5), [
    role(12, 'Income Officer', HM, HOUSING_PAY.level3, { partTime: 0.25 }),
    role(3, 'Money Advice Officer', HM, HOUSING_PAY.level3),
  ]),
  team(
    'Housing Services > Supported Housing > Sheltered Schemes',
    post('Supported Housing Manager', CS, HOUSING_PAY.level5),
    [role(24, 'Scheme Support Worker', CS, HOUSING_PAY.level2, { rota: 12, partTime: 0.35 })],
  ),
  team('Housing Services > Lettings', post('Lettings Manager', HM, HOUSING_PAY.level5), [
    role(8, 'Lettings Officer', HM, HOUSING_PAY.level2, { partTime: 0.25 }),
  ]),
  team(
    'Property Services > Responsive Repairs > Multi-trades',
    post('Repairs Manager', TR, HOUSING_PAY.level5),
    [
      role(22, 'Multi-trade Operative', TR, HOUSING_PAY.level3, { partTime: 0 }),
      role(6, 'Plumber', TR, HOUSING_PAY.level3, { partTime: 0 }),
      role(6, 'Electrician', TR, HOUSING_PAY.level4, { partTime: 0 }),
    ],
    { ...post('Repairs Supervisor', TR, HOUSING_PAY.level4), span: 10 },
  ),
  team(
    'Property Services > Responsive Repairs > Gas Servicing',
    post('Gas Services Manager', TR, HOUSING_PAY.level5),
    [role(14, 'Gas Engineer', TR, HOUSING_PAY.level4, { partTime: 0 })],
  ),
  team(
    'Property Services > Planned Investment',
    post('Planned Investment Manager', HPRO, HOUSING_PAY.level6),
    [
      role(6, 'Building Surveyor', HPRO, HOUSING_PAY.level5),
      role(4, 'Contract Administrator', SS, HOUSING_PAY.level2),
    ],
  ),
  team(
    'Corporate Services > People and Culture',
    post('People and Culture Manager', SS, HOUSING_PAY.level6),
    [
      role(2, 'People Business Partner', SS, HOUSING_PAY.level5),
      role(3, 'People Adviser', SS, HOUSING_PAY.level3, { partTime: 0.3 }),
      role(1, 'HR and Payroll Systems Officer', SS, HOUSING_PAY.level3, { partTime: 0 }),
    ],
  ),
  team('Corporate Services > Customer Hub', post('Customer Hub Manager', SS, HOUSING_PAY.level4), [
    role(20, 'Customer Adviser', SS, HOUSING_PAY.level1, { partTime: 0.4 }),
  ]),
  team('Corporate Services > Finance', post('Financial Controller', SS, HOUSING_PAY.level6), [
    role(7, 'Finance Officer', SS, HOUSING_PAY.level3, { partTime: 0.2 }),
  ]),
  team('Corporate Services > IT', post('IT Manager', SS, HOUSING_PAY.level6), [
    role(6, 'IT Support Analyst', SS, HOUSING_PAY.level3),
  ]),
];

const HOUSING: OrganisationSpec = {
  slug: 'riverside-homes',
  name: 'Riverside Homes',
  domain: 'riverside-homes.example',
  employeeNumbers: { prefix: 'RH', first: 1_040, digits: 5 },
  sector: 'housing',
  region: 'england-and-wales',
  fullTimeHours: 36,
  targetDaysPerFte: 8,
  onCostRate: 0.25,
  policyModel: 'trigger_based',
  isLead: false,
  providesOccupationalHealth: false,
  executive: {
    path: ['Executive', 'Executive Office'],
    post: post('Chief Executive', SS, [152_000]),
    support: [role(1, 'Executive Assistant', SS, HOUSING_PAY.level3, { partTime: 0 })],
  },
  leadershipUnit: 'Leadership Team',
  director: (directorate) => post(`Director of ${directorate}`, SS, HOUSING_PAY.director),
  head: (path) => post(`Head of ${lastLevel(path)}`, SS, HOUSING_PAY.level7),
  teams: HOUSING_TEAMS,
  sites: [
    { name: 'Riverside House', address: '8 Quay Street, Merrowby', postcode: 'MW3 9RH' },
    {
      name: 'Bramwell Repairs Depot',
      address: 'Unit 4, Bramwell Trading Estate, Merrowby',
      postcode: 'MW4 8BT',
    },
  ],
  agreement: {
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    annualContributionGbp: 12_500,
    contact: {
      team: 'Corporate Services > People and Culture',
      post: 'member',
      jobTitle: 'People Business Partner',
      phone: '0151 496 0303',
    },
  },
  accounts: [
    {
      role: 'line_manager',
      local: 'line.manager',
      team: 'Corporate Services > Customer Hub',
      post: 'leader',
    },
    { role: 'employee', local: 'colleague', team: 'Corporate Services > Customer Hub', post: 'report' },
    {
      role: 'hr',
      local: 'hr',
      team: 'Corporate Services > People and Culture',
      post: 'member',
      jobTitle: 'People Adviser',
    },
    {
      role: 'organisation_admin',
      local: 'org.admin',
      team: 'Corporate Services > People and Culture',
      post: 'member',
      jobTitle: 'HR and Payroll Systems Officer',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Northfold Retail Ltd: an online retailer on 35 hours, with a fulfilment centre open round the clock.

const OPS = 'Operations';
const CUS = 'Customer Services';
const HO = 'Head Office';

const PRIVATE_TEAMS: TeamSpec[] = [
  team(
    'Operations > Fulfilment Centre > Day Shift',
    post('Shift Manager', OPS, [36_000, 38_500, 41_000]),
    [role(38, 'Warehouse Operative', OPS, [23_800, 24_600], { partTime: 0.15 })],
    { ...post('Shift Team Leader', OPS, [27_000, 28_500]), span: 13 },
  ),
  team(
    'Operations > Fulfilment Centre > Night Shift',
    post('Shift Manager', OPS, [38_000, 40_500, 43_000], 8.75),
    [role(30, 'Warehouse Operative', OPS, [26_200, 27_100], { rota: 8.75, partTime: 0.1 })],
    { ...post('Shift Team Leader', OPS, [29_500, 31_000], 8.75), span: 10 },
  ),
  team(
    'Operations > Fulfilment Centre > Continental Shift',
    post('Shift Manager', OPS, [37_000, 39_500, 42_000], 11.5),
    [role(22, 'Warehouse Operative', OPS, [25_000, 25_900], { rota: 11.5, partTime: 0.1 })],
    { ...post('Shift Team Leader', OPS, [28_000, 29_500], 11.5), span: 11 },
  ),
  team('Operations > Returns', post('Returns Manager', OPS, [33_000, 35_000]), [
    role(12, 'Returns Operative', OPS, [23_800, 24_600], { partTime: 0.3 }),
  ]),
  team(
    'Customer Services > Contact Centre',
    post('Contact Centre Manager', CUS, [38_000, 41_000]),
    [role(30, 'Customer Service Adviser', CUS, [23_400, 24_500, 25_600], { partTime: 0.35 })],
    { ...post('Team Leader', CUS, [28_500, 30_000]), span: 10 },
  ),
  team('Commercial > Buying and Merchandising', post('Head of Buying', HO, [62_000, 68_000]), [
    role(6, 'Buyer', HO, [38_000, 42_000, 46_000], { partTime: 0.15 }),
    role(6, 'Merchandiser', HO, [32_000, 35_000, 38_000], { partTime: 0.15 }),
  ]),
  team('Commercial > Digital Marketing', post('Head of Digital Marketing', HO, [60_000, 66_000]), [
    role(10, 'Digital Marketing Executive', HO, [30_000, 33_000, 36_000], { partTime: 0.15 }),
  ]),
  team('Central Functions > People', post('Head of People', HO, [58_000, 64_000]), [
    role(2, 'People Partner', HO, [40_000, 44_000]),
    role(2, 'People Adviser', HO, [30_000, 32_500], { partTime: 0.25 }),
    role(1, 'HR Systems Administrator', HO, [28_000, 30_000], { partTime: 0 }),
  ]),
  team('Central Functions > Finance', post('Financial Controller', HO, [65_000, 72_000]), [
    role(8, 'Finance Analyst', HO, [33_000, 37_000, 41_000]),
  ]),
  team('Central Functions > Technology', post('Head of Technology', HO, [80_000, 90_000]), [
    role(10, 'Software Engineer', HO, [45_000, 55_000, 65_000], { partTime: 0.05 }),
    role(3, 'IT Support Technician', HO, [26_000, 29_000]),
  ]),
];

const PRIVATE: OrganisationSpec = {
  slug: 'northfold-retail',
  name: 'Northfold Retail Ltd',
  domain: 'northfold.example',
  employeeNumbers: { prefix: 'NR', first: 20_310, digits: 6 },
  sector: 'private',
  region: 'england-and-wales',
  fullTimeHours: 35,
  targetDaysPerFte: 6,
  onCostRate: 0.22,
  policyModel: 'trigger_based',
  isLead: false,
  providesOccupationalHealth: false,
  executive: {
    path: ['Board', "Managing Director's Office"],
    post: post('Managing Director', HO, [168_000]),
    support: [role(1, 'Executive Assistant', HO, [34_000, 36_000], { partTime: 0 })],
  },
  leadershipUnit: 'Leadership Team',
  director: (directorate) => post(`${directorate} Director`, HO, [105_000, 115_000]),
  head: (path) => post(`${lastLevel(path)} General Manager`, OPS, [62_000, 68_000]),
  teams: PRIVATE_TEAMS,
  sites: [
    { name: 'Northfold Distribution Centre', address: 'Gateway Park, Merrowby', postcode: 'MW8 1NF' },
    { name: 'Northfold House', address: '2 Canal Wharf, Merrowby', postcode: 'MW1 4NW' },
  ],
  agreement: {
    startDate: '2024-06-01',
    endDate: '2027-05-31',
    annualContributionGbp: 8_000,
    contact: { team: 'Central Functions > People', post: 'leader', phone: '0151 496 0404' },
  },
  accounts: [
    {
      role: 'line_manager',
      local: 'line.manager',
      team: 'Customer Services > Contact Centre',
      post: 'supervisor',
    },
    { role: 'employee', local: 'colleague', team: 'Customer Services > Contact Centre', post: 'report' },
    {
      role: 'hr',
      local: 'hr',
      team: 'Central Functions > People',
      post: 'member',
      jobTitle: 'People Partner',
    },
    {
      role: 'organisation_admin',
      local: 'org.admin',
      team: 'Central Functions > People',
      post: 'member',
      jobTitle: 'HR Systems Administrator',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Fellshire Constabulary: 40 hours, response officers on a 10-hour rota, and the occupational
// health unit that serves the partnership (seed 003).

const PO = 'Police Officer';
const PS = 'Police Staff';
const PCSO = 'PCSO';

const responseTeam = (path: string) =>
  team(
    path,
    post('Inspector', PO, POLICE.inspector, 10),
    [role(20, 'Police Constable', PO, POLICE.constable, { rota: 10, partTime: 0.08 })],
    { ...post('Sergeant', PO, POLICE.sergeant, 10), span: 7 },
  );
const neighbourhoodTeam = (path: string) =>
  team(path, post('Sergeant', PO, POLICE.sergeant, 8), [
    role(6, 'Police Constable', PO, POLICE.constable, { rota: 8, partTime: 0.1 }),
    role(8, 'Police Community Support Officer', PCSO, POLICE.pcso, { rota: 8, partTime: 0.2 }),
  ]);

const POLICE_TEAMS: TeamSpec[] = [
  responseTeam('Operations > Response > North Sector > Team 1'),
  responseTeam('Operations > Response > North Sector > Team 2'),
  responseTeam('Operations > Response > South Sector > Team 3'),
  responseTeam('Operations > Response > South Sector > Team 4'),
  neighbourhoodTeam('Operations > Neighbourhood Policing > Fellgate Neighbourhood Team'),
  neighbourhoodTeam('Operations > Neighbourhood Policing > Eskmouth Neighbourhood Team'),
  team(
    'Crime > Criminal Investigation Department',
    post('Detective Inspector', PO, POLICE.inspector),
    [role(18, 'Detective Constable', PO, POLICE.constable, { rota: 8, partTime: 0.1 })],
    { ...post('Detective Sergeant', PO, POLICE.sergeant, 8), span: 6 },
  ),
  team('Crime > Public Protection Unit', post('Detective Inspector', PO, POLICE.inspector), [
    role(10, 'Detective Constable', PO, POLICE.constable, { partTime: 0.1 }),
    role(4, 'Public Protection Officer', PS, POLICE.staff6, { partTime: 0.2 }),
  ]),
  team(
    'Contact Management > Force Control Room',
    post('Control Room Manager', PS, POLICE.staff8),
    [
      role(18, 'Call Handler', PS, POLICE.staff4, { rota: 10, partTime: 0.25 }),
      role(10, 'Despatcher', PS, POLICE.staff5, { rota: 10, partTime: 0.15 }),
    ],
    { ...post('Control Room Supervisor', PS, POLICE.staff6, 10), span: 10 },
  ),
  team('People Services > Occupational Health Unit', post('Occupational Health Manager', PS, POLICE.staff9), [
    role(1, 'Force Medical Adviser', PS, [96_000], { partTime: 1 }),
    role(4, 'Occupational Health Nurse Adviser', PS, POLICE.staff8, { partTime: 0.25 }),
    role(1, 'Physiotherapist', PS, POLICE.staff7, { partTime: 0 }),
    role(1, 'Counsellor', PS, POLICE.staff7, { partTime: 0.5 }),
    role(1, 'Welfare Officer', PS, POLICE.staff5, { partTime: 0 }),
    role(2, 'Occupational Health Administrator', PS, POLICE.staff3, { partTime: 0.3 }),
  ]),
  team('People Services > HR Services', post('HR Services Manager', PS, POLICE.staff9), [
    role(5, 'HR Adviser', PS, POLICE.staff6, { partTime: 0.2 }),
    role(1, 'HR Systems Officer', PS, POLICE.staff5, { partTime: 0 }),
    role(4, 'HR Assistant', PS, POLICE.staff3, { partTime: 0.3 }),
  ]),
  team(
    'People Services > Learning and Development',
    post('Learning and Development Manager', PS, POLICE.staff8),
    [role(5, 'Police Trainer', PO, POLICE.sergeant), role(2, 'Learning Administrator', PS, POLICE.staff3)],
  ),
  team('Corporate Services > Finance', post('Head of Finance', PS, POLICE.staff10), [
    role(6, 'Finance Officer', PS, POLICE.staff5, { partTime: 0.2 }),
  ]),
  team('Corporate Services > ICT', post('ICT Manager', PS, POLICE.staff9), [
    role(8, 'ICT Analyst', PS, POLICE.staff6),
  ]),
];

const POLICE_DIRECTORS: Record<string, Post> = {
  Operations: post('Chief Superintendent, Operations', PO, POLICE.chiefSuperintendent),
  Crime: post('Detective Chief Superintendent, Crime', PO, POLICE.chiefSuperintendent),
  'Contact Management': post('Superintendent, Contact Management', PO, POLICE.superintendent),
  'People Services': post('Director of People Services', PS, POLICE.staff11),
  'Corporate Services': post('Director of Corporate Services', PS, POLICE.staff11),
};

const POLICE_FORCE: OrganisationSpec = {
  slug: 'fellshire-police',
  name: 'Fellshire Constabulary',
  domain: 'fellshire-police.example',
  employeeNumbers: { prefix: 'FP', first: 4_210, digits: 5 },
  sector: 'police',
  region: 'england-and-wales',
  fullTimeHours: 40,
  targetDaysPerFte: 9,
  onCostRate: 0.31,
  policyModel: 'person_centred',
  isLead: false,
  providesOccupationalHealth: true,
  executive: {
    path: ['Chief Officer Group', 'Command Team'],
    post: post('Chief Constable', PO, [181_000]),
    support: [
      role(1, 'Deputy Chief Constable', PO, [152_000], { partTime: 0 }),
      role(1, 'Staff Officer', PO, POLICE.inspector, { partTime: 0 }),
      role(1, 'Executive Assistant', PS, POLICE.staff5, { partTime: 0 }),
    ],
  },
  leadershipUnit: 'Command Team',
  director: (directorate) =>
    POLICE_DIRECTORS[directorate] ?? post(`Head of ${directorate}`, PS, POLICE.staff10),
  head: (path) => {
    const name = lastLevel(path);
    if (path.length >= 3) return post(`Chief Inspector, ${name}`, PO, POLICE.chiefInspector);
    if (path[0] === 'Operations') return post(`Superintendent, ${name}`, PO, POLICE.superintendent);
    return post(`Head of ${name}`, PS, POLICE.staff10);
  },
  teams: POLICE_TEAMS,
  sites: [
    {
      name: 'Fellshire Police Headquarters',
      address: 'Carrock Hall, Eden Road, Fellgate',
      postcode: 'FL11 0QD',
    },
    {
      name: 'Occupational Health Unit, Greystone House',
      address: 'Eden Road, Fellgate',
      postcode: 'FL11 0QH',
    },
    { name: 'Eskmouth Police Station', address: '21 Harbour Street, Eskmouth', postcode: 'FL18 2HS' },
  ],
  agreement: {
    startDate: '2024-04-01',
    endDate: '2027-03-31',
    annualContributionGbp: 7_500,
    contact: {
      team: 'People Services > Occupational Health Unit',
      post: 'leader',
      phone: '01632 960 050',
    },
  },
  accounts: [
    {
      role: 'line_manager',
      local: 'line.manager',
      team: 'Operations > Response > North Sector > Team 1',
      post: 'supervisor',
    },
    {
      role: 'employee',
      local: 'colleague',
      team: 'Operations > Response > North Sector > Team 1',
      post: 'report',
    },
    {
      role: 'hr',
      local: 'hr',
      team: 'People Services > HR Services',
      post: 'member',
      jobTitle: 'HR Adviser',
    },
    {
      role: 'organisation_admin',
      local: 'org.admin',
      team: 'People Services > HR Services',
      post: 'member',
      jobTitle: 'HR Systems Officer',
    },
    {
      role: 'oh_clinician',
      local: 'oh.clinician',
      team: 'People Services > Occupational Health Unit',
      post: 'member',
      jobTitle: 'Occupational Health Nurse Adviser',
    },
    {
      role: 'oh_clinician',
      local: 'oh.physician',
      team: 'People Services > Occupational Health Unit',
      post: 'member',
      jobTitle: 'Force Medical Adviser',
    },
    {
      role: 'oh_clinician',
      local: 'oh.physio',
      team: 'People Services > Occupational Health Unit',
      post: 'member',
      jobTitle: 'Physiotherapist',
    },
    {
      role: 'oh_clinician',
      local: 'oh.counsellor',
      team: 'People Services > Occupational Health Unit',
      post: 'member',
      jobTitle: 'Counsellor',
    },
    {
      role: 'oh_admin',
      local: 'oh.admin',
      team: 'People Services > Occupational Health Unit',
      post: 'member',
      jobTitle: 'Occupational Health Administrator',
    },
  ],
};

export const PARTNERSHIP = {
  name: 'Merrowby Active Workforce Partnership',
  slug: 'merrowby-active-workforce',
};

export const ORGANISATIONS: readonly OrganisationSpec[] = [COUNCIL, TRUST, HOUSING, PRIVATE, POLICE_FORCE];

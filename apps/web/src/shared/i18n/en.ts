import type { Messages } from './zhCN';

export const en: Messages = {
  app: {
    name: 'Shenyang Government Services',
    shortName: 'Gov Services',
    skipToContent: 'Skip to main content',
    footer: 'Shenyang Government Services · Internet + Government Services',
    loading: 'Loading…',
    titleSeparator: ' - ',
  },
  language: {
    switchTo: '中文',
    switchLabel: 'Switch language to Chinese (切换为中文)',
  },
  nav: {
    label: 'Main navigation',
  },
  user: {
    login: 'Log in',
    logout: 'Log out',
    menuLabel: 'User menu: {{name}}',
    roles: 'Roles',
    idNumber: 'ID number',
    departments: 'Departments',
    noDepartments: 'No department assigned',
    noIdNumber: 'Not registered',
    username: 'User name',
  },
  roles: {
    citizen: 'Citizen',
    clerk: 'Counter clerk',
    approver: 'Approver',
    'dept-admin': 'Department admin',
    supervisor: 'Supervisor',
    designer: 'Process designer',
    admin: 'Platform admin',
  },
  areas: {
    portal: {
      name: 'Online services',
      title: 'Online service hall',
      description:
        'Citizens and enterprises find service items here, read their guides, apply online with forms and materials, follow progress, receive results and e-licences, and rate the service.',
      notYet: 'The catalogue of service items arrives with the catalogue feature; online applications are not available yet.',
      welcome: 'Welcome to Shenyang Government Services',
      identity: 'Your identity',
      anonymousHint: 'Log in to see your identity; once the catalogue is live you can apply online.',
    },
    counter: {
      name: 'Counter',
      title: 'Counter',
      description:
        "Clerks at community, street and service-hall windows apply on a citizen's behalf here: accept the application, scan materials, pre-review and hand back results.",
      notYet: 'Counter work arrives together with the catalogue and online applications; for now this page only shows who you are and your window.',
    },
    inbox: {
      name: 'Approval inbox',
      title: 'Approval inbox',
      description:
        "Department approvers work their department's shared inbox here: claim a task, review materials and history, and approve, reject or ask once for corrections within the statutory time limit.",
      notYet: 'The task list arrives with the workflow engine and approvals; this page shows no tasks yet.',
    },
    designer: {
      name: 'Process designer',
      title: 'Process designer',
      description:
        'Process designers edit BPMN processes and forms in the browser here, lint, test, version and deploy them, and link them to catalogue items.',
      notYet: 'The process and form editors arrive with the designer feature.',
    },
    admin: {
      name: 'Administration',
      title: 'Administration',
      description:
        'Platform admins maintain the catalogue, departments and their systems, and working calendars here; users and roles are managed in single sign-on (Keycloak).',
      notYet: 'Administration functions arrive step by step with the features they manage.',
    },
    analytics: {
      name: 'Analytics',
      title: 'Analytics',
      description:
        'Supervisors and department admins watch volumes, overdue work, satisfaction, failed integrations and bad ratings here.',
      notYet: 'Figures appear once real applications are processed; no sample data is shown here.',
    },
  },
  areaPage: {
    departments: 'Departments',
    comingSoon: 'Under construction',
  },
  home: {
    title: 'Home',
    heading: 'Shenyang Government Services',
    lead: '"Internet + Government Services": citizens and enterprises get things done online in one place, while windows, approving departments and supervisors work together on the same platform.',
    forWhom: 'Who the platform serves',
    citizens: 'Citizens and enterprises: find service items, apply online, follow progress, receive results.',
    counter: 'Counter clerks: accept applications at community, street and service-hall windows.',
    departments: 'Approving departments: approve in parallel from a shared inbox within statutory time limits.',
    supervision: 'Supervision and administration: process design, catalogue management and oversight.',
    enterPortal: 'Enter the online service hall',
    loginHint: 'Staff: log in to reach your work area.',
  },
  forbidden: {
    title: 'Access denied',
    description: `Your account may not use "{{area}}". Ask your department's administrator if you need access.`,
    home: 'Back to home',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you asked for does not exist or has moved.',
    home: 'Back to home',
  },
  redirectingToLogin: {
    title: 'Going to log in',
    description: 'This page needs you to log in; taking you to the single sign-on page…',
  },
  startupError: {
    title: 'The platform cannot start right now',
    config: 'Could not load the platform configuration (/api/config). The platform service may not be running yet.',
    keycloak: 'Could not reach the single sign-on service (Keycloak). It may not be running yet, or its address is misconfigured.',
    details: 'Technical details',
    retry: 'Retry',
  },
  routeError: {
    title: 'The page failed to load',
    description: 'Something went wrong while loading the page, perhaps a network interruption or a platform update. Please reload.',
    reload: 'Reload',
  },
  apiError: {
    title: 'Request failed',
    retry: 'Retry',
    code: 'Error code',
    requestId: 'Request id',
    network: 'Could not reach the platform service. Check your network and retry.',
    invalidResponse: 'The platform service returned data this page does not understand.',
  },
};

// Chinese is the default language of the platform; `Messages` (its shape) is the contract
// every other language must fill.
export const zhCN = {
  app: {
    name: '沈阳市政务服务平台',
    shortName: '政务服务',
    skipToContent: '跳到主要内容',
    footer: '沈阳市政务服务平台 · 互联网+政务服务',
    loading: '正在加载…',
    titleSeparator: ' - ',
  },
  language: {
    switchTo: 'English',
    switchLabel: '切换语言为英文 (Switch language to English)',
  },
  nav: {
    label: '主导航',
  },
  user: {
    login: '登录',
    logout: '退出登录',
    menuLabel: '用户菜单：{{name}}',
    roles: '角色',
    idNumber: '身份证号',
    departments: '所属部门',
    noDepartments: '未分配部门',
    noIdNumber: '未登记',
    username: '用户名',
  },
  roles: {
    citizen: '公众用户',
    clerk: '窗口人员',
    approver: '审批人员',
    'dept-admin': '部门管理员',
    supervisor: '监管人员',
    designer: '流程设计人员',
    admin: '平台管理员',
  },
  areas: {
    portal: {
      name: '网上办事',
      title: '网上办事大厅',
      description:
        '群众和企业在这里查找办事事项、阅读办事指南、在线申报并提交材料、查看办理进度、领取结果与电子证照，并对服务进行评价。',
      notYet: '办事事项目录将随“事项目录”功能一同上线，目前尚不能在线申报。',
      welcome: '欢迎使用沈阳市政务服务平台',
      identity: '您的身份信息',
      anonymousHint: '登录后可查看您的身份信息；事项目录上线后即可在线办事。',
    },
    counter: {
      name: '窗口受理',
      title: '窗口受理',
      description:
        '社区、街道和政务服务大厅的窗口人员在这里代群众申报：受理申请、扫描材料、预审并发放办理结果。',
      notYet: '受理功能将随事项目录和在线申报一同上线，目前此页仅显示您的身份与所属窗口。',
    },
    inbox: {
      name: '审批待办',
      title: '审批待办',
      description:
        '部门审批人员在这里处理本部门的共享待办：认领任务、审查材料与办理记录，在法定时限内作出通过、不予通过或一次性告知补正的意见。',
      notYet: '待办列表将随流程引擎与审批功能一同上线，目前此页不显示任何任务。',
    },
    designer: {
      name: '流程设计',
      title: '流程设计',
      description:
        '流程设计人员在这里用浏览器编辑 BPMN 流程与表单，进行检查、测试、版本管理和发布，并将其关联到事项目录。',
      notYet: '流程与表单编辑器将随设计器功能一同上线。',
    },
    admin: {
      name: '系统管理',
      title: '系统管理',
      description:
        '平台管理员在这里维护事项目录、部门及其业务系统、工作日历；用户与角色由统一身份认证（Keycloak）管理。',
      notYet: '管理功能将随相应功能逐步上线。',
    },
    analytics: {
      name: '统计分析',
      title: '统计分析',
      description:
        '监管人员和部门管理员在这里查看办件量、超期件、满意度等指标，以及对接失败与差评的处理情况。',
      notYet: '统计数据将在业务上线、产生真实办件后提供；此处不显示任何示例数据。',
    },
  },
  areaPage: {
    departments: '所属部门',
    comingSoon: '建设中',
  },
  home: {
    title: '首页',
    heading: '沈阳市政务服务平台',
    lead: '“互联网+政务服务”：群众和企业办事“一网通办”，窗口、审批部门和监管人员在同一平台协同办理。',
    forWhom: '平台服务对象',
    citizens: '群众和企业：网上查找事项、在线申报、查询进度、领取结果。',
    counter: '窗口人员：在社区、街道和政务服务大厅代为受理。',
    departments: '审批部门：在共享待办中并联审批，按法定时限办结。',
    supervision: '监管与管理：流程设计、事项管理与统计监督。',
    enterPortal: '进入网上办事大厅',
    loginHint: '工作人员请登录后进入各自的工作区。',
  },
  forbidden: {
    title: '无权访问',
    description: '您的账号没有访问“{{area}}”的权限。如需开通，请联系所在部门的管理员。',
    home: '返回首页',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已移动。',
    home: '返回首页',
  },
  redirectingToLogin: {
    title: '正在前往登录页',
    description: '此页面需要登录，正在跳转到统一身份认证登录页…',
  },
  startupError: {
    title: '平台暂时无法启动',
    config: '无法加载平台配置（/api/config）。平台服务可能尚未启动。',
    keycloak: '无法连接统一身份认证服务（Keycloak）。身份认证服务可能尚未启动或地址配置有误。',
    details: '技术详情',
    retry: '重试',
  },
  routeError: {
    title: '页面加载失败',
    description: '页面加载时出现问题，可能是网络中断或平台已更新。请重新加载页面。',
    reload: '重新加载',
  },
  apiError: {
    title: '请求失败',
    retry: '重试',
    code: '错误代码',
    requestId: '请求编号',
    network: '无法连接平台服务，请检查网络后重试。',
    invalidResponse: '平台服务返回了无法识别的数据。',
  },
};

export type Messages = typeof zhCN;

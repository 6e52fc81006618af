/**
 * A blank dossier for a new unit-year (`jixiao new`): valid as it stands, with a Chinese comment on
 * every section saying what goes there, so a finance officer can fill it in a text editor.
 *
 * Written as text (not through a YAML library) because the comments are the point and core stays
 * free of I/O libraries. Every amount starts as `null` (= 未填, never zero: domain.md §2).
 */
import type { DossierInput } from './schema.ts';

export interface BlankOptions {
  /** 单位名称. */
  readonly unit: string;
  /** 年度 (the fiscal year evaluated). */
  readonly year: number;
  /**
   * Path or URL of dossier.schema.json for editors (a `yaml-language-server` line); omitted when
   * absent.
   */
  readonly schemaRef?: string;
}

/** The blank dossier as data (what the YAML text parses to). */
export function blankDossierInput(unit: string, year: number): DossierInput {
  return { format: 'jixiao/dossier@1', year, unit: { name: unit } };
}

/** A YAML/JSON double-quoted scalar: JSON string syntax is valid YAML. */
const q = (s: string): string => JSON.stringify(s);

const columns = (indent: string): string =>
  [
    `${indent}priorActual: null         # 上年决算数`,
    `${indent}priorInitialBudget: null  # 上年年初预算数`,
    `${indent}initialBudget: null       # 年初预算数`,
    `${indent}adjustedBudget: null      # 全年预算数（调整后）`,
    `${indent}actual: null              # 全年执行数（决算数）`,
  ].join('\n');

const row = '{ priorActual: null, initialBudget: null, adjustedBudget: null, actual: null }';

/**
 * The blank dossier as commented YAML (the caller checks the year; blank.test.ts checks the text
 * validates).
 */
export function blankDossierYaml(opts: BlankOptions): string {
  const { unit, year } = opts;
  // The name also appears in the header comment, where a line break would end the comment.
  const oneLine = unit.replace(/\s+/g, ' ');
  const schemaLine = opts.schemaRef ? `# yaml-language-server: $schema=${opts.schemaRef}\n` : '';
  const text = `${schemaLine}# ${oneLine} ${year}年度部门整体支出绩效自评档案（jixiao/dossier@1）
#
# 填写说明
# - 金额单位一律为万元，写数字即可（如 441.98，通常保留两位小数）；null 或不写表示“未填”，不等于 0。
# - 执行率、占比、增长率、控制率、总分和等级由系统计算，不必填写。
# - 检查：jixiao validate 本文件（逐项列出错误及行号）。
# - 可在支持 YAML 的编辑器中打开；“#”开头的是说明，不影响内容。
format: jixiao/dossier@1
year: ${year}
# 评分规则集名称（rulesets/<名称>.yaml）；不写则用全国默认规则。
# ruleset: national

# ── 一、单位基本情况 ──────────────────────────────────────────────
unit:
  name: ${q(unit)}
  # budgetCode: "000000"   # 预算编码
  # region: 湖南省衡阳市    # 所属地区
  # level: 市级             # 单位层级
  # 主要职能：每条一项，例如  - 负责全市……工作
  functions: []
  # 内设机构（科室），例如  [综合科, 业务科]
  offices: []
  # 人员情况（人）：编制数 authorized（其中行政 authorizedAdministrative、事业 authorizedInstitutional）、
  # 实际在职 actual、离退休 retired。例如
  # { authorized: 22, authorizedAdministrative: 21, authorizedInstitutional: 1,
  #   actual: 22, retired: 0 }
  staffing: {}

# ── 二、收入（资金来源），万元 ─────────────────────────────────────
# 每个来源五列，与附件2“年度资金总额”一致。其他来源按同样格式添加：governmentFund 政府性基金、
# stateCapital 国有资本经营、socialInsurance 社会保险基金、specialAccount 纳入专户管理的非税收入、
# carryover 上年结转、other 其他资金。
income:
  general:                    # 一般公共预算（财政拨款）
${columns('    ')}

# ── 三、支出，万元 ────────────────────────────────────────────────
# 基本支出 = 人员经费 + 公用经费（日常公用经费）；项目支出 = 各项目之和（系统自动汇总）。
expenditure:
  personnel:                  # 人员经费
${columns('    ')}
  publicFunds:                # 公用经费
${columns('    ')}
  # 项目：每个项目一项。kind 为 business 业务工作专项、operation 运行维护专项、special 市级（省级）专项资金。例如
  #   - id: P1
  #     name: 业务工作经费
  #     kind: business
  #     money: { priorActual: 90, initialBudget: 100, adjustedBudget: 100, actual: 98.5 }
  projects: []

# ── 四、“三公”经费与经费控制（附件1），万元 ───────────────────────────
threePublic:
  abroad: ${row}            # 因公出国（境）费
  vehiclePurchase: ${row}   # 公务用车购置费
  vehicleOperation: ${row}  # 公务用车运行维护费
  reception: ${row}         # 公务接待费
controls:
  office: ${row}            # 办公经费
  utilitiesTravel: ${row}   # 水费、电费、差旅费
  meetingTraining: ${row}   # 会议费、培训费
  procurement: ${row}       # 政府采购金额

# 资产总额（万元）：年末 yearEnd、上年末 previousYearEnd。
assets: { yearEnd: null, previousYearEnd: null }

# ── 五、年度总体目标（附件2）────────────────────────────────────────
goal:
  expected: ""                # 预期目标
  achieved: ""                # 实际完成情况

# ── 六、绩效指标（附件2）：一级 → 二级 → 三级 ─────────────────────────
# 每个三级指标一项：id 编号（档案内唯一）、level1 一级指标、level2 二级指标、name 三级指标名称、
# target 年度指标值（如 "≥95%"、"＜1%"、"＝100%"、"≥220亿元"、"[90,100]%"；定性指标写 "定性" 或 "成效明显"）、
# actual 实际完成值（定量指标写数值和单位，如 "96%"，不要写“均完成”）、weight 分值、
# score 得分（可不填，由系统计算）、deviation 偏差原因分析及改进措施（未满分或未达标时填写）。
# 全部指标分值加上预算执行分值（10 分）应为 100。例如
#   - id: C1
#     level1: 成本指标
#     level2: 经济成本指标
#     name: 公用经费控制率
#     target: "≤100%"
#     actual: "96.5%"
#     weight: 10
indicators: []

# ── 七、绩效情况说明（报告正文，由单位撰写）──────────────────────────
narrative:
  overview: ""                # 总体情况
  decreaseReason: ""          # 支出低于（或高于）年初预算的原因
  budgetGrowthReason: ""      # 年初预算比上年增减的原因
  assetChangeReason: ""       # 资产变动原因
  economicBenefits: ""        # 经济效益
  socialBenefits: ""          # 社会效益
  satisfaction: ""            # 社会公众或服务对象满意度
  problems: ""                # 存在的问题及原因分析
  measures: ""                # 下一步改进措施
  other: ""                   # 其他需要说明的情况
  savingMeasures: []          # 厉行节约保障措施（附件1），每条一项

# ── 八、填报信息（附件1）────────────────────────────────────────────
filing:
  preparer: ""                # 填表人
  phone: ""                   # 联系电话
  # date: ${year + 1}-04-30        # 填报日期（YYYY-MM-DD，应在年度结束之后）
`;
  return text;
}

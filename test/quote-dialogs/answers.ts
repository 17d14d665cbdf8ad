import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';

/**
 * Realistic answers per language, keyed by slot name, as a reseller would type them
 * (thousands with a space, numbers in words, dates in the local style).
 */
export const ANSWERS: Record<Lang, Record<string, string>> = {
  fr: {
    resellerName: 'Paul Girard',
    resellerEmail: 'p.girard@numeriq-services.fr',
    resellerCompany: 'Numériq Services SAS',
    billingAddress: '12 rue de la Paix, 75002 Paris, France',
    endUserName: 'Jean Dupont',
    endUserEmail: 'jean.dupont@exemple.fr',
    endUserOrganization: 'Exemple SA',
    authorizedContactName: 'Julie Roux',
    authorizedContactEmail: 'julie.roux@atelier-roux.fr',
    technicalContactName: 'Marc Petit',
    technicalContactEmail: 'marc.petit@exemple.fr',
    siteUrl: 'https://atelier-roux.atlassian.net',
    sen: 'SEN-L9876543',
    product: 'Jira',
    tier: 'deux mille utilisateurs',
    edition: 'Premium',
    maintenanceYears: 'deux ans',
    targetDate: 'le 15 mars 2027',
    paymentPreference: 'devis par e-mail',
    confirm: 'oui',
  },
  zh: {
    resellerName: '周婷',
    resellerEmail: 'zhouting@xinrui-partner.com',
    resellerCompany: '新锐合作伙伴',
    billingAddress: '上海市浦东新区世纪大道100号',
    endUserName: '刘洋',
    endUserEmail: 'liu.yang@minghua-tech.cn',
    endUserOrganization: '明华科技有限公司',
    authorizedContactName: '王芳',
    authorizedContactEmail: 'wang.fang@minghua-tech.cn',
    technicalContactName: '李雷',
    technicalContactEmail: 'li.lei@minghua-tech.cn',
    siteUrl: 'minghua.atlassian.net',
    sen: 'SEN-L9876543',
    product: 'Jira 和 Confluence',
    tier: '二千用户',
    edition: '高级版',
    maintenanceYears: '3年',
    targetDate: '2027年3月15日',
    paymentPreference: '信用卡',
    confirm: '是的',
  },
  en: {
    resellerName: 'Sam Wu',
    resellerEmail: 'sam.wu@southcross-it.com.au',
    resellerCompany: 'Southcross IT Pty Ltd',
    billingAddress: '10 George Street, Sydney NSW 2000, Australia',
    endUserName: 'Grace Lee',
    endUserEmail: 'grace.lee@harbourline.com.au',
    endUserOrganization: 'Harbourline Ltd',
    authorizedContactName: 'Tom Baker',
    authorizedContactEmail: 'tom.baker@harbourline.com.au',
    technicalContactName: 'Ava Chen',
    technicalContactEmail: 'ops@harbourline.com.au',
    siteUrl: 'https://harbourline.atlassian.net',
    sen: 'SEN-L1357924',
    product: 'Confluence',
    tier: '2 000',
    edition: 'Premium',
    maintenanceYears: '2',
    targetDate: 'March 15, 2027',
    paymentPreference: 'quote by email',
    confirm: 'yep',
  },
};

/** An opening sentence per kind and language that names the kind without naming any slot. */
export const OPENINGS: Record<QuoteKind, Record<Lang, string>> = {
  'dc-new': {
    fr: 'Je voudrais un devis pour une nouvelle licence Data Center',
    zh: '我要购买新的数据中心许可证',
    en: 'I need a quote for a new Data Center license',
  },
  'dc-renewal': {
    fr: 'Je dois renouveler une licence Data Center',
    zh: '我要续订数据中心许可证',
    en: 'I need to renew a Data Center license',
  },
  'dc-upgrade': {
    fr: 'Nous voulons mettre à niveau une licence Data Center',
    zh: '我们要升级数据中心许可证',
    en: 'We want to upgrade a Data Center license',
  },
  coterm: {
    fr: "Je voudrais harmoniser les échéances de maintenance d'un client",
    zh: '我需要为客户做条款关联',
    en: 'I need to co-term a customer’s maintenance',
  },
  'cloud-existing': {
    fr: "Je voudrais un devis annuel pour le site Cloud existant d'un client",
    zh: '我需要为客户现有站点做云报价',
    en: "I need an annual quote for a customer's existing cloud site",
  },
  'cloud-new': {
    fr: "Devis Cloud pour un client qui n'a pas encore de site",
    zh: '客户还没有云站点，需要云报价',
    en: "Cloud quote please, the customer doesn't have a site yet",
  },
  'cloud-renewal': {
    fr: "Je dois renouveler l'abonnement Cloud d'un client",
    zh: '我要续订客户的云订阅',
    en: "I need to renew a customer's cloud subscription",
  },
  'cloud-upgrade': {
    fr: "Je voudrais une mise à niveau Cloud pour un client",
    zh: '我要升级客户的云订阅',
    en: "We need to upgrade a customer's cloud subscription",
  },
};

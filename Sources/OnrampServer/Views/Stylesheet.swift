/// Our own small stylesheet, following GOV.UK Frontend's patterns (its assets are not ours to
/// ship): system fonts, the focus style, error colours, and nothing loaded from elsewhere.
enum Stylesheet {
    static let css = #"""
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.1875rem;line-height:1.32;color:#0b0c0c;background:#fff;overflow-wrap:break-word}
a{color:#1d70b8;text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,[tabindex]:focus{outline:3px solid transparent}
a:focus{color:#0b0c0c;background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.govuk-width-container{max-width:960px;margin:0 15px}
@media (min-width:40.0625em){.govuk-width-container{margin:0 30px}}
@media (min-width:1020px){.govuk-width-container{margin:0 auto}}
.govuk-main-wrapper{display:block;padding:20px 0 40px}
.govuk-skip-link{position:absolute;left:-9999px;padding:10px 15px;background:#fd0;color:#0b0c0c}
.govuk-skip-link:focus{position:static;display:block;left:auto}
.govuk-visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.govuk-header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8}
.govuk-header__container{display:flex;flex-wrap:wrap;align-items:baseline;gap:10px 20px;padding:12px 0}
.govuk-header__service-name,.govuk-header__service-name:visited{color:#fff;font-weight:700;font-size:1.5rem;text-decoration:none}
.govuk-header__service-name:focus{color:#0b0c0c}
.govuk-header__tagline{color:#fff}
.app-header__account{margin-left:auto;display:flex;gap:15px;align-items:baseline;flex-wrap:wrap}
.app-header__sign-out{margin:0}
.app-header__link-button{background:none;border:0;padding:0;color:#fff;font:inherit;text-decoration:underline;cursor:pointer}
.app-header__link-button:focus{color:#0b0c0c;background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.app-service-navigation{background:#f3f2f1;border-bottom:1px solid #b1b4b6}
.app-service-navigation__list{list-style:none;display:flex;flex-wrap:wrap;gap:0 25px;padding:0}
.app-service-navigation__item{padding:12px 0 9px;border-bottom:3px solid transparent}
.app-service-navigation__item--active{border-bottom-color:#1d70b8;font-weight:700}
.app-service-navigation__link,.app-service-navigation__link:visited{color:#0b0c0c}
.govuk-footer{background:#f3f2f1;border-top:1px solid #b1b4b6;padding:25px 0;font-size:1rem}
.govuk-footer__attribution{padding-left:20px}
.govuk-heading-xl{font-size:2.5rem;line-height:1.1;margin:0 0 30px}
.govuk-heading-l{font-size:2rem;line-height:1.1;margin:0 0 20px}
.govuk-heading-m{font-size:1.5rem;margin:0 0 15px}
.govuk-heading-s{font-size:1.1875rem;margin:0 0 15px}
.govuk-caption-l{display:block;color:#505a5f;font-size:1.5rem;margin-bottom:5px}
.govuk-body,.govuk-body-s{margin:0 0 20px}
.govuk-body-s{font-size:1rem}
.govuk-body-l{font-size:1.5rem;margin:0 0 30px}
.govuk-list{padding-left:0;list-style:none}
.govuk-list--bullet{padding-left:20px;list-style:disc}
.govuk-inset-text{border-left:10px solid #b1b4b6;padding:15px;margin:20px 0}
.govuk-form-group{margin-bottom:30px}
.govuk-form-group--error{padding-left:15px;border-left:5px solid #d4351c}
.govuk-form-group .govuk-form-group{margin-bottom:0;padding:0;border:0}
.govuk-label{display:block;margin-bottom:5px;font-weight:400}
.govuk-hint{color:#505a5f;margin-bottom:15px}
.govuk-error-message{color:#d4351c;font-weight:700;margin:0 0 15px}
.govuk-input,.govuk-select,.govuk-textarea{font:inherit;width:100%;max-width:40em;height:2.5rem;padding:5px;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
.govuk-textarea{height:auto;min-height:6rem}
.govuk-select{width:auto;min-width:11.5em;max-width:100%}
.govuk-input:focus,.govuk-select:focus,.govuk-textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px}
.govuk-input--error,.govuk-select--error,.govuk-textarea--error{border-color:#d4351c}
.govuk-input--width-20{max-width:41ex}.govuk-input--width-10{max-width:23ex}.govuk-input--width-4{max-width:9ex}.govuk-input--width-2{max-width:5.4ex}
.govuk-fieldset{margin:0;padding:0;border:0}
.govuk-fieldset__legend{margin-bottom:10px;font-weight:700}
.govuk-fieldset__legend--l{font-size:2rem;line-height:1.1}
.govuk-fieldset__heading{margin:0;font-size:inherit;font-weight:inherit;line-height:inherit}
.govuk-radios__item,.govuk-checkboxes__item{position:relative;display:block;min-height:40px;margin-bottom:10px;padding-left:50px}
.govuk-radios--inline .govuk-radios__item{display:inline-block;margin-right:20px}
.govuk-radios__input,.govuk-checkboxes__input{position:absolute;left:0;top:0;width:40px;height:40px;margin:0;accent-color:#0b0c0c}
.govuk-radios__input:focus,.govuk-checkboxes__input:focus{outline:3px solid #fd0;outline-offset:2px}
.govuk-radios__label,.govuk-checkboxes__label{display:inline-block;padding:8px 15px 5px 0;cursor:pointer}
.govuk-radios__hint,.govuk-checkboxes__hint{margin-bottom:0}
.govuk-date-input{display:flex;gap:20px}
.govuk-button{font:inherit;display:inline-block;margin:0 15px 30px 0;padding:8px 10px 7px;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none}
.govuk-button:hover{background:#005a30}
.govuk-button:focus{border-color:#fd0;color:#0b0c0c;background:#fd0;box-shadow:0 2px 0 #0b0c0c;outline:3px solid transparent}
.govuk-button--secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.govuk-button--secondary:hover{background:#dbdad9}
.govuk-button--warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
.govuk-button--warning:hover{background:#aa2a16}
.govuk-button-group{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 15px}
.govuk-error-summary{padding:15px;margin-bottom:30px;border:5px solid #d4351c}
.govuk-error-summary:focus{outline:3px solid #fd0}
.govuk-error-summary__title{margin-top:0;font-size:1.5rem}
.govuk-error-summary__list{margin:0}
.govuk-error-summary__list a{color:#d4351c;font-weight:700}
.govuk-error-summary__list a:focus{color:#0b0c0c}
.govuk-summary-list{margin:0 0 30px}
.govuk-summary-list__row{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:10px 0}
.govuk-summary-list__key{flex:0 0 30%;font-weight:700;margin:0 20px 5px 0}
.govuk-summary-list__value{flex:1;margin:0}
.govuk-summary-list__actions{margin:0}
.app-table-wrapper{overflow-x:auto}
.app-table-wrapper:focus{outline:3px solid #fd0}
.govuk-table{width:100%;border-collapse:collapse;margin-bottom:30px}
.govuk-table__caption{text-align:left;font-weight:700;margin-bottom:10px}
.govuk-table__caption--m{font-size:1.5rem}
.govuk-table__header,.govuk-table__cell{padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;text-align:left;vertical-align:top}
.govuk-table__header{font-weight:700}
.govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}
.govuk-tag{display:inline-block;padding:2px 8px;font-weight:400;font-size:1rem}
.govuk-tag--blue{color:#0c2d4a;background:#bbd4ea}
.govuk-tag--green{color:#005a30;background:#cce2d8}
.govuk-tag--grey{color:#282d30;background:#eeefef}
.govuk-tag--red{color:#2a0b06;background:#f4cdc6}
.govuk-tag--yellow{color:#594d00;background:#fff7bf}
.govuk-notification-banner{margin-bottom:30px;border:5px solid #1d70b8;background:#1d70b8}
.govuk-notification-banner--success{border-color:#00703c;background:#00703c}
.govuk-notification-banner__header{padding:2px 15px 5px}
.govuk-notification-banner__title{margin:0;color:#fff;font-size:1rem}
.govuk-notification-banner__content{padding:15px;background:#fff}
.govuk-notification-banner__heading{font-weight:700;font-size:1.5rem;margin:0 0 10px}
.govuk-back-link{display:inline-block;margin-top:15px;color:#0b0c0c}
.govuk-back-link::before{content:"‹ "}
.govuk-pagination{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin-bottom:30px}
.govuk-pagination__list{display:flex;list-style:none;padding:0;margin:0;gap:5px}
.govuk-pagination__item{padding:5px 10px}
.govuk-pagination__item--current{background:#1d70b8}
.govuk-pagination__item--current a,.govuk-pagination__item--current a:visited{color:#fff;font-weight:700}
.govuk-pagination__item--current a:focus{color:#0b0c0c}
.app-filter{background:#f3f2f1;padding:15px 15px 0;margin-bottom:30px}
.app-filter .govuk-form-group{margin-bottom:15px}
.app-filter .govuk-checkboxes__item{min-height:28px;padding-left:36px;margin-bottom:4px}
.app-filter .govuk-checkboxes__input{width:24px;height:24px;top:2px}
.app-filter .govuk-checkboxes__label{padding:2px 10px 2px 0}
.app-message-body{white-space:pre-wrap;overflow-wrap:anywhere}
.govuk-link,.govuk-summary-list__value,.govuk-table__cell,.govuk-radios__label,.govuk-checkboxes__label{overflow-wrap:anywhere}
.govuk-fieldset{min-width:0}
.govuk-summary-card{border:1px solid #b1b4b6;padding:15px 15px 0;margin-bottom:20px}
.app-map-wrapper{overflow-x:auto;margin-bottom:15px}
.app-map{max-width:100%;height:auto;background:#fff}
.app-map a:focus path{fill:#fd0;stroke:#0b0c0c;stroke-width:1.5}
.app-map a:hover path{stroke-width:1.5}
.app-map-legend li{display:flex;align-items:center;gap:10px;margin-bottom:5px}
.app-chart-figure{margin:0 0 20px;overflow-x:auto}
.app-chart{max-width:100%;height:auto}
.app-chart text{fill:#0b0c0c;font-family:inherit}
.app-chart .app-chart__figure{font-weight:700}
.app-work-list li{margin-bottom:10px}
.app-code{font-family:ui-monospace,monospace;word-break:break-all;background:#f3f2f1;padding:2px 4px}
.govuk-grid-row{display:flex;flex-wrap:wrap;margin:0 -15px}
.govuk-grid-column-one-third,.govuk-grid-column-two-thirds{box-sizing:border-box;width:100%;padding:0 15px}
@media (min-width:40.0625em){.govuk-grid-column-one-third{width:33.33%}.govuk-grid-column-two-thirds{width:66.66%}}
.app-results{border-top:1px solid #b1b4b6}
.app-result{border-bottom:1px solid #b1b4b6;padding:15px 0 0}
.app-result .govuk-heading-s{margin-bottom:5px}
.app-result__place{color:#505a5f;margin-bottom:5px}
.app-inline-form{display:inline-block;margin:0 10px 10px 0}
.app-inline-form .govuk-button{margin-bottom:0}
.app-muted{color:#505a5f}
.app-labels{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px}
.app-label{border:1px dashed #505a5f;padding:10px;break-inside:avoid}
.app-label svg{display:block;margin-top:5px}
.app-photos{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:10px}
.app-code-shown{font-family:monospace;font-size:2rem;letter-spacing:.1em;border:3px solid #0b0c0c;padding:10px 15px;display:inline-block;margin-bottom:20px}
.app-changed{color:#942514}
.app-place{border-left:5px solid #b1b4b6;padding-left:15px;margin-bottom:20px}
.govuk-button--start{font-weight:700;font-size:1.5rem;padding:10px 15px}
.govuk-footer__link,.govuk-footer__link:visited{color:#0b0c0c}
@media (max-width:40.0525em){
.govuk-heading-xl{font-size:2rem}.govuk-heading-l,.govuk-fieldset__legend--l{font-size:1.5rem}.govuk-heading-m,.govuk-caption-l,.govuk-body-l,.govuk-table__caption--m{font-size:1.25rem}
.govuk-summary-list__row{display:block}.govuk-summary-list__key{margin-bottom:5px}
.govuk-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.govuk-table,.govuk-table caption,.govuk-table tbody,.govuk-table tr,.govuk-table td,.govuk-table th[scope=row]{display:block;width:100%}
.govuk-table tr{border-bottom:1px solid #b1b4b6;padding:10px 0}
.govuk-table td,.govuk-table th[scope=row]{border:0;padding:2px 0}
.govuk-table td[data-label]::before{content:attr(data-label) ": ";font-weight:700}
.govuk-table td[data-label=""]::before{content:none}
.govuk-date-input{gap:10px}
.app-header__account{margin-left:0}
}
@media print{.govuk-back-link,.app-filter{display:none}}
@page{size:A4;margin:15mm}
@media print{.app-report__section{break-before:page}.app-report__section:first-of-type{break-before:auto}.app-chart-figure,.govuk-summary-list__row,.govuk-table tr{break-inside:avoid}.app-table-wrapper,.app-chart-figure{overflow:visible}.app-report .govuk-table{font-size:12px}}
@media print{.govuk-header,.app-service-navigation,.govuk-skip-link,.govuk-button,.govuk-footer,.govuk-pagination{display:none}}
.app-results-search{margin-bottom:20px}
.app-results-search__summary{cursor:pointer;color:#1d70b8;margin-bottom:15px}
.app-results-search__summary-text{text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
.app-results-search__summary:hover{color:#003078}
.app-results-search__summary:hover .app-results-search__summary-text{text-decoration-thickness:max(3px,.1875rem)}
.app-results-search__summary:focus{outline:3px solid transparent;color:#0b0c0c;background:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c}
.app-results-search__summary:focus .app-results-search__summary-text{text-decoration:none}
.app-results__at{font-weight:400}
.app-place__offers{border-top:1px solid #b1b4b6}
.app-place__offer{border-bottom:1px solid #b1b4b6;padding:15px 0 0}
.app-place__offer .govuk-heading-s{margin-bottom:5px}
.app-place__phones{margin:0}
.app-results-printed{border-top:1px solid #b1b4b6}
.app-results-printed__item{border-bottom:1px solid #b1b4b6;padding:15px 0 5px;break-inside:avoid}
.app-results-printed__item .govuk-heading-s{margin-bottom:5px}
.app-results-printed__place .govuk-body-s{margin-bottom:5px}
.app-results-printed__week{margin-bottom:10px}
.app-place__contact{overflow-wrap:anywhere}
@media print{.app-place__screen-only,.app-results-search{display:none}}
"""#
}

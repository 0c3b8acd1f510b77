// First-party code in a srcdoc frame: adds the third-party script its ?to= names, in the
// frame's own realm. It records whether crumbs had guarded that realm before this ran (its
// script src setter is then crumbs', not the browser's own).
(function () {
  var setter = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src').set;
  top.__frameGuardedFirst = !/\[native code\]/.test(String(setter));
  var s = document.createElement('script');
  s.src = new URL(document.currentScript.src).searchParams.get('to');
  document.head.appendChild(s);
})();

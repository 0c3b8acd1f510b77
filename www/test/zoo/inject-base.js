// Page code on the base-URL page: relative script URLs set by property and by setAttribute.
(function () {
  var a = document.createElement('script');
  a.src = 'setter.js?n=base-setter';
  document.head.appendChild(a);
  var b = document.createElement('script');
  b.setAttribute('src', 'attribute.js?n=base-attribute');
  document.head.appendChild(b);
})();

from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tori.api import IsAuthenticatedUser


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    role = serializers.CharField()
    preferred_language = serializers.CharField()


class MeApi(APIView):
    """The signed-in user's own account."""

    permission_classes = [IsAuthenticatedUser]
    serializer_class = MeSerializer

    def get(self, request):
        return Response(MeSerializer(request.user).data)
